using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace OnshiDevice.Simulators.Keys;

/// <summary>
/// Random sources that repeat for the same seed and label, so the test hierarchy (keys, hence
/// certificate bytes) is identical on every run and every machine.
/// </summary>
internal static class DeterministicRandom
{
    /// <summary>What <see cref="RsaKeyPair"/> does, for <see cref="TestKeyCache.GeneratorVersion"/>: change it with the method.</summary>
    public const string Recipe = "DigestRandomGenerator(SHA-256) seeded SHA-256(seed \\0 label); RsaKeyPairGenerator 2048 e=65537 certainty=100";

    public static SecureRandom For(string seed, string label)
    {
        var generator = new DigestRandomGenerator(new Sha256Digest());
        generator.AddSeedMaterial(Hash(seed, label));
        return new SecureRandom(generator);
    }

    /// <summary>An RSA-2048 key pair (e = 65537) that is the same for the same seed and label.</summary>
    public static AsymmetricCipherKeyPair RsaKeyPair(string seed, string label)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), For(seed, label), 2048, 100));
        return generator.GenerateKeyPair();
    }

    public static byte[] Hash(string seed, string label) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\0" + label));
}
