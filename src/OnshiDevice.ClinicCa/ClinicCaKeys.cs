using System.Security.Cryptography;

namespace OnshiDevice.ClinicCa;

/// <summary>
/// How the CA folder's keys are made and kept: ECDSA P-256 (small, fast TLS handshakes, understood by OpenSSL, Node
/// and .NET alike); the CA key as encrypted PKCS#8 (PBES2: PBKDF2-SHA256, AES-256-CBC).
/// </summary>
internal static class ClinicCaKeys
{
    /// <summary>PBKDF2 iterations for the CA key: about a third of a second to try one passphrase.</summary>
    private const int CaKeyIterations = 600_000;

    /// <summary>A passphrase shorter than this is refused: the key file is only as strong as it.</summary>
    public const int MinPassphraseLength = 12;

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string EncryptedPem(ECDsa key, ReadOnlySpan<char> passphrase)
    {
        if (passphrase.Length < MinPassphraseLength)
        {
            throw new ClinicCaException($"the CA passphrase needs at least {MinPassphraseLength} characters");
        }

        return key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, CaKeyIterations));
    }

    public static ECDsa LoadEncrypted(string path, ReadOnlySpan<char> passphrase)
    {
        PrivateFiles.EnsureOwnerOnly(path);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromEncryptedPem(File.ReadAllText(path), passphrase);
            return key;
        }
        catch (CryptographicException wrong)
        {
            key.Dispose();
            throw new ClinicCaException($"cannot open the CA key {path}: wrong passphrase, or not an encrypted PKCS#8 key", wrong);
        }
        catch (ArgumentException notPem)
        {
            key.Dispose();
            throw new ClinicCaException($"cannot open the CA key {path}: it holds no encrypted PKCS#8 key", notPem);
        }
    }
}
