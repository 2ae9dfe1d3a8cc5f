using OnshiDevice.Simulators.Keys;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using BouncyCastleProperties = Org.BouncyCastle.Utilities.Properties;

namespace OnshiDevice.UnitTests.Simulators.Keys;

public sealed class TestKeyCacheTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("onshi-key-cache-test-");

    // One seed per test, so nothing another test (or the machine's cache) wrote can answer for it.
    private readonly string _seed = "key-cache-test-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_key_is_generated_once_stored_under_the_generator_version_and_read_back_the_same()
    {
        var cache = new TestKeyCache(_folder.FullName);

        var generated = cache.RsaKeyPair(_seed, "root");
        var path = cache.PathOf(_seed, "root");
        Assert.StartsWith(Path.Combine(_folder.FullName, TestKeyCache.GeneratorVersion), path, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
        Assert.Empty(Directory.GetFiles(cache.Folder!, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(cache.Folder!));
        }

        var read = new TestKeyCache(_folder.FullName).RsaKeyPair(_seed, "root");
        Assert.Equal(Modulus(generated), Modulus(read));
        Assert.Equal(((RsaPrivateCrtKeyParameters)generated.Private).Exponent, ((RsaPrivateCrtKeyParameters)read.Private).Exponent);
        Assert.Equal(Modulus(DeterministicRandom.RsaKeyPair(_seed, "root")), Modulus(read));
    }

    [Fact]
    public void A_sound_file_is_read_instead_of_generating()
    {
        // A file holding another label's key, stored under this label: the cache answers with what the file holds,
        // which shows it read the file rather than generating.
        var cache = new TestKeyCache(_folder.FullName);
        var other = cache.RsaKeyPair(_seed, "other");
        File.Copy(cache.PathOf(_seed, "other"), cache.PathOf(_seed, "wanted"));

        // The digest covers the label: a file copied to another key's name is not taken for it.
        Assert.Equal(Modulus(DeterministicRandom.RsaKeyPair(_seed, "wanted")), Modulus(cache.RsaKeyPair(_seed, "wanted")));
        Assert.NotEqual(Modulus(other), Modulus(cache.RsaKeyPair(_seed, "wanted")));
        Assert.Equal(Modulus(other), Modulus(new TestKeyCache(_folder.FullName).RsaKeyPair(_seed, "other")));
    }

    public static TheoryData<string> Damages => ["empty", "truncated", "one bit flipped", "garbage", "digest only"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_file_is_regenerated_and_replaced(string damage)
    {
        var cache = new TestKeyCache(_folder.FullName);
        var expected = Modulus(cache.RsaKeyPair(_seed, "ca"));
        var path = cache.PathOf(_seed, "ca");
        var sound = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "empty" => [],
            "truncated" => sound[..(sound.Length / 2)],
            "one bit flipped" => Flip(sound, 200),
            "garbage" => [.. Enumerable.Repeat((byte)0x30, sound.Length)],
            "digest only" => sound[^32..],
            _ => throw new ArgumentOutOfRangeException(nameof(damage), damage, null),
        });

        Assert.Equal(expected, Modulus(new TestKeyCache(_folder.FullName).RsaKeyPair(_seed, "ca")));
        Assert.Equal(sound, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_with_a_sound_digest_but_factors_of_another_key_is_regenerated()
    {
        // The digest only catches damage; the factors are what prove the modulus composite once BouncyCastle's own
        // Miller-Rabin rounds are skipped for cached keys, so a key whose p·q is not its modulus is never used.
        var cache = new TestKeyCache(_folder.FullName);
        var expected = (RsaPrivateCrtKeyParameters)cache.RsaKeyPair(_seed, "ca").Private;
        var other = (RsaPrivateCrtKeyParameters)cache.RsaKeyPair(_seed, "other").Private;
        var mixed = new RsaPrivateCrtKeyParameters(
            expected.Modulus, expected.PublicExponent, expected.Exponent, other.P, other.Q, other.DP, other.DQ, other.QInv);
        var path = cache.PathOf(_seed, "ca");
        File.WriteAllBytes(path, TestKeyCache.FileContent(_seed, "ca", new AsymmetricCipherKeyPair(new RsaKeyParameters(false, expected.Modulus, expected.PublicExponent), mixed)));

        var read = (RsaPrivateCrtKeyParameters)new TestKeyCache(_folder.FullName).RsaKeyPair(_seed, "ca").Private;

        Assert.Equal(expected.P, read.P);
        Assert.Equal(expected.Q, read.Q);
        Assert.Equal(TestKeyCache.FileContent(_seed, "ca", DeterministicRandom.RsaKeyPair(_seed, "ca")), File.ReadAllBytes(path));
    }

    [Fact]
    public void Reading_a_key_leaves_BouncyCastles_modulus_checks_on_for_everything_else()
    {
        var cache = new TestKeyCache(_folder.FullName);
        cache.RsaKeyPair(_seed, "ca");

        var read = (RsaPrivateCrtKeyParameters)new TestKeyCache(_folder.FullName).RsaKeyPair(_seed, "ca").Private;

        // A prime is no RSA modulus: on the thread that just read from the cache, BouncyCastle still says so.
        Assert.Null(BouncyCastleProperties.GetThreadProperty(BouncyCastleProperties.RsaMaxMRTests));
        var refused = Assert.Throws<ArgumentException>(() => new RsaKeyParameters(false, read.P, read.PublicExponent));
        Assert.Contains("not composite", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_cannot_be_written_costs_a_generation_not_an_error()
    {
        // A file where the cache folder would be: it can be neither created nor written.
        var blocked = Path.Combine(_folder.FullName, "blocked");
        File.WriteAllText(blocked, "not a folder");
        var cache = new TestKeyCache(blocked);

        var key = cache.RsaKeyPair(_seed, "root");

        Assert.Equal(Modulus(DeterministicRandom.RsaKeyPair(_seed, "root")), Modulus(key));
        Assert.Equal("not a folder", File.ReadAllText(blocked));
    }

    [Fact]
    public async Task Callers_starting_at_once_get_the_same_key_and_leave_one_sound_file()
    {
        using var start = new Barrier(4);
        var keys = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return new TestKeyCache(_folder.FullName).RsaKeyPair(_seed, "shared");
        })));

        Assert.Single(keys.Select(Modulus).Distinct());
        var cache = new TestKeyCache(_folder.FullName);
        Assert.Equal([Path.GetFileName(cache.PathOf(_seed, "shared"))], Directory.GetFiles(cache.Folder!).Select(Path.GetFileName));
        Assert.Equal(Modulus(keys[0]), Modulus(cache.RsaKeyPair(_seed, "shared")));
    }

    [Fact]
    public void Without_a_folder_every_key_is_generated_in_memory()
    {
        var cache = new TestKeyCache(null);

        Assert.Null(cache.Folder);
        Assert.Equal(Modulus(DeterministicRandom.RsaKeyPair(_seed, "root")), Modulus(cache.RsaKeyPair(_seed, "root")));
    }

    [Fact]
    public void The_default_folder_follows_the_variable_then_the_XDG_cache_then_home()
    {
        static Func<string, string?> Environment(params (string Name, string Value)[] values) =>
            name => values.FirstOrDefault(value => value.Name == name).Value;

        var chosen = Path.Combine(Path.GetTempPath(), "chosen");
        Assert.Equal(chosen, TestKeyCache.DefaultFolder(Environment((TestKeyCache.FolderVariable, chosen), ("XDG_CACHE_HOME", "/xdg"))));
        Assert.Null(TestKeyCache.DefaultFolder(Environment((TestKeyCache.FolderVariable, "off"), ("HOME", "/home/qa"))));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("/xdg/onshi-device/test-keys", TestKeyCache.DefaultFolder(Environment(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/qa"))));
            Assert.Equal("/home/qa/.cache/onshi-device/test-keys", TestKeyCache.DefaultFolder(Environment(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/qa"))));
            Assert.Null(TestKeyCache.DefaultFolder(Environment()));
        }
    }

    private static string Modulus(AsymmetricCipherKeyPair pair) => ((RsaKeyParameters)pair.Public).Modulus.ToString(16);

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
