using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using BouncyCastleProperties = Org.BouncyCastle.Utilities.Properties;

namespace OnshiDevice.Simulators.Keys;

/// <summary>
/// The test hierarchies' RSA keys, generated once per machine instead of once per process: generating the
/// dozen RSA-2048 keys of the hierarchies and a card took 4 s at every <c>onshi-device --simulate</c> start
/// (15-30 s on a busy machine) and again in every test process. A key is found by its seed and label in a
/// folder named by <see cref="GeneratorVersion"/>, so a change of the generator (or of BouncyCastle, whose
/// prime search decides the key) reads a new folder and never a key an older generator made.
/// A file holds the key's PKCS#8 encoding followed by SHA-256 over the seed, the label and that encoding;
/// it is used only when the digest matches and the key is a consistent RSA-2048 key with e = 65537, and is
/// otherwise generated again and replaced, so a corrupt, truncated or misplaced file costs one generation.
/// Files are written to a temporary name and renamed over the old one: two processes starting at once both
/// generate the same deterministic key and the last rename wins, and a reader never sees half a file.
/// A folder that cannot be created or written is no error: the key is then generated in memory, as before.
/// </summary>
internal sealed class TestKeyCache
{
    /// <summary>Overrides the folder; "off" generates every key in memory and writes nothing.</summary>
    public const string FolderVariable = "ONSHI_SIMULATOR_KEY_CACHE";

    public const string Disabled = "off";

    private const int DigestLength = 32;
    private const int ModulusBits = 2048;

    private static readonly Lazy<TestKeyCache> DefaultCache = new(() => new TestKeyCache(DefaultFolder(Environment.GetEnvironmentVariable)));

    public TestKeyCache(string? folder)
    {
        Folder = folder is null ? null : Path.Combine(folder, GeneratorVersion);
    }

    /// <summary>The machine's cache (<see cref="DefaultFolder"/>), shared by every hierarchy of the process.</summary>
    public static TestKeyCache Default => DefaultCache.Value;

    /// <summary>
    /// Names what decides a key's bytes: the generation parameters of <see cref="DeterministicRandom.RsaKeyPair"/>,
    /// the file layout and BouncyCastle's version.
    /// </summary>
    public static string GeneratorVersion { get; } = ComputeGeneratorVersion();

    /// <summary>The folder keys are read from and written to (under the version), or null when every key is generated in memory.</summary>
    public string? Folder { get; }

    /// <summary>
    /// <c>$ONSHI_SIMULATOR_KEY_CACHE</c> ("off": none); else <c>$XDG_CACHE_HOME/onshi-device/test-keys</c>, or
    /// <c>~/.cache/onshi-device/test-keys</c>; on Windows under the local application data folder. Null when
    /// there is no such folder to use (a service user without a home).
    /// </summary>
    public static string? DefaultFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(FolderVariable) is { Length: > 0 } chosen)
        {
            return string.Equals(chosen, Disabled, StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(chosen);
        }

        string? cacheRoot;
        if (OperatingSystem.IsWindows())
        {
            cacheRoot = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }
        else if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg))
        {
            cacheRoot = xdg;
        }
        else
        {
            cacheRoot = environment("HOME") is { Length: > 0 } home && Path.IsPathFullyQualified(home) ? Path.Combine(home, ".cache") : null;
        }

        return string.IsNullOrEmpty(cacheRoot) ? null : Path.Combine(cacheRoot, "onshi-device", "test-keys");
    }

    /// <summary>The key of <paramref name="seed"/> and <paramref name="label"/>: from the cache when a sound copy is there, else generated and stored.</summary>
    public AsymmetricCipherKeyPair RsaKeyPair(string seed, string label)
    {
        if (Folder is null)
        {
            return DeterministicRandom.RsaKeyPair(seed, label);
        }

        var path = PathOf(seed, label);
        if (TryRead(path, seed, label) is { } cached)
        {
            return cached;
        }

        var generated = DeterministicRandom.RsaKeyPair(seed, label);
        TryWrite(path, seed, label, generated);
        return generated;
    }

    internal string PathOf(string seed, string label) =>
        Path.Combine(Folder!, Convert.ToHexStringLower(DeterministicRandom.Hash(seed, label)) + ".key");

    private static AsymmetricCipherKeyPair? TryRead(string path, string seed, string label)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception missing) when (missing is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (content.Length <= DigestLength)
        {
            return null;
        }

        var encoded = content.AsSpan(0, content.Length - DigestLength);
        if (!CryptographicOperations.FixedTimeEquals(Digest(seed, label, encoded), content.AsSpan(content.Length - DigestLength)))
        {
            return null;
        }

        try
        {
            // BouncyCastle proves a modulus composite with Miller-Rabin rounds whenever it makes an RSA key object:
            // about 30 ms per object for RSA-2048, two objects per key, most of a warm simulated start. A cached key
            // brings its factors and IsSound checks p·q = n, which proves that already; so the rounds are skipped,
            // on this thread and for these two objects only.
            return BouncyCastleProperties.WithThreadProperty(BouncyCastleProperties.RsaMaxMRTests, "0", encoded.ToArray(), static der =>
                PrivateKeyFactory.CreateKey(der) is RsaPrivateCrtKeyParameters key && IsSound(key)
                    ? new AsymmetricCipherKeyPair(new RsaKeyParameters(false, key.Modulus, key.PublicExponent), key)
                    : null);
        }
        catch (Exception unreadable) when (unreadable is ArgumentException or InvalidOperationException or IOException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            return null;
        }
    }

    // What the hierarchies need of a key, checked without the cost of generating it: the size, the exponent, and
    // CRT parameters that belong to the modulus.
    private static bool IsSound(RsaPrivateCrtKeyParameters key) =>
        key.Modulus.BitLength == ModulusBits
        && key.PublicExponent.IntValue == 65537
        && key.P.Multiply(key.Q).Equals(key.Modulus)
        && key.PublicExponent.Multiply(key.DP).Mod(key.P.Subtract(Org.BouncyCastle.Math.BigInteger.One)).Equals(Org.BouncyCastle.Math.BigInteger.One)
        && key.PublicExponent.Multiply(key.DQ).Mod(key.Q.Subtract(Org.BouncyCastle.Math.BigInteger.One)).Equals(Org.BouncyCastle.Math.BigInteger.One)
        && key.QInv.Multiply(key.Q).Mod(key.P).Equals(Org.BouncyCastle.Math.BigInteger.One);

    /// <summary>A file's content for <paramref name="pair"/>: its PKCS#8 encoding, then the digest over seed, label and that encoding.</summary>
    internal static byte[] FileContent(string seed, string label, AsymmetricCipherKeyPair pair)
    {
        var encoded = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
        return [.. encoded, .. Digest(seed, label, encoded)];
    }

    private void TryWrite(string path, string seed, string label, AsymmetricCipherKeyPair pair)
    {
        var content = FileContent(seed, label, pair);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Folder!);
            }
            else
            {
                Directory.CreateDirectory(Folder!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            // The key is in hand; a folder we cannot write only means the next process generates it too.
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception stuck) when (stuck is IOException or UnauthorizedAccessException)
        {
            // Left for the folder's owner; a *.tmp file is never read.
        }
    }

    private static byte[] Digest(string seed, string label, ReadOnlySpan<byte> encoded)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(seed + "\0" + label + "\0"));
        hash.AppendData(encoded);
        return hash.GetHashAndReset();
    }

    private static string ComputeGeneratorVersion()
    {
        var bouncyCastle = typeof(PrivateKeyFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(PrivateKeyFactory).Assembly.GetName().Version?.ToString()
            ?? "unknown";
        var recipe = $"{DeterministicRandom.Recipe}|pkcs8+sha256(seed,label,key)|BouncyCastle {bouncyCastle}";
        return "v1-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)).AsSpan(0, 8));
    }
}
