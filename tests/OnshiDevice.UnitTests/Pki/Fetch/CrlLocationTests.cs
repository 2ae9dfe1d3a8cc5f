using CsCheck;
using OnshiDevice.Pki.Fetch;

namespace OnshiDevice.UnitTests.Pki.Fetch;

/// <summary>Which addresses are fetched, and the file a CRL from an address is written to.</summary>
public sealed class CrlLocationTests
{
    [Theory]
    [InlineData("http://hpki.mhlw.go.jp/repository/rlist/sarl2.crl", "hpki.mhlw.go.jp_repository_rlist_sarl2.crl")]
    [InlineData("http://crl.pki.med.or.jp/repository/crl/crl-sign2.crl", "crl.pki.med.or.jp_repository_crl_crl-sign2.crl")]
    [InlineData("http://cert.medis.or.jp/sign/crl-sign2.crl", "cert.medis.or.jp_sign_crl-sign2.crl")]
    [InlineData("https://127.0.0.1:8443/a/b", "127.0.0.1_8443_a_b.crl")]
    [InlineData("http://example.test/../../etc/passwd?x=1", "example.test_etc_passwd.crl")]
    public void The_file_name_carries_host_port_and_path(string location, string fileName) =>
        Assert.Equal(fileName, CrlLocation.FileNameFor(new Uri(location)));

    [Theory]
    [InlineData("http://x.test/a.crl", true)]
    [InlineData("https://x.test/a.crl", true)]
    [InlineData("ldap://x.test/cn=a", false)]
    [InlineData("ftp://x.test/a.crl", false)]
    [InlineData("file:///a.crl", false)]
    [InlineData("/a.crl", false)]
    [InlineData("", false)]
    public void Only_absolute_http_and_https_addresses_are_fetched(string text, bool fetchable) =>
        Assert.Equal(fetchable, CrlLocation.Problem(text) is null);

    [Fact]
    public void Any_address_gives_a_plain_crl_file_name_inside_the_folder()
    {
        var segment = Gen.String[Gen.Char, 0, 40];
        var host = Gen.String[Gen.Char['a', 'z'], 1, 20];
        Gen.Select(host, segment.Array[0, 6], Gen.Int[1, 65535]).Sample((name, segments, port) =>
        {
            var path = string.Join('/', segments.Select(Uri.EscapeDataString));
            if (!Uri.TryCreate($"http://{name}.test:{port}/{path}", UriKind.Absolute, out var location))
            {
                return;
            }

            var file = CrlLocation.FileNameFor(location);
            Assert.True(file.Length is > 4 and <= 184, file);
            Assert.EndsWith(".crl", file, StringComparison.Ordinal);
            Assert.DoesNotContain('/', file);
            Assert.DoesNotContain('\\', file);
            Assert.False(file.StartsWith('.'), file);
            Assert.All(file, character => Assert.True(char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_', file));
            Assert.Equal(Path.Combine("/crls", file), Path.GetFullPath(file, "/crls"));
        });
    }
}
