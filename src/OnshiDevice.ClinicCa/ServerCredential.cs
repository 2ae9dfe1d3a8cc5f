using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OnshiDevice.ClinicCa;

/// <summary>The LAN listener's certificate with its key, from the CA folder (the key file must be the owner's only).</summary>
public static class ServerCredential
{
    public static X509Certificate2 Load(ClinicCaFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        PrivateFiles.EnsureOwnerOnly(folder.ServerKey);
        if (!File.Exists(folder.ServerCertificate))
        {
            throw new ClinicCaException($"{folder.ServerCertificate} does not exist; create the CA with `onshi-device ca init`");
        }

        try
        {
            using var fromPem = X509Certificate2.CreateFromPemFile(folder.ServerCertificate, folder.ServerKey);

            // Through PKCS#12 so the key is usable by every platform's TLS (Windows' SChannel refuses ephemeral keys).
            return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (CryptographicException invalid)
        {
            throw new ClinicCaException($"{folder.ServerCertificate} and {folder.ServerKey} are not a certificate and its key: {invalid.Message}", invalid);
        }
    }
}
