using CsCheck;
using OnshiDevice.ClinicCa;

namespace OnshiDevice.UnitTests.ClinicCa;

public sealed class ClientNameTests
{
    [Theory]
    [InlineData("reception-1")]
    [InlineData("orca.server")]
    [InlineData("PC_2")]
    [InlineData("a")]
    public void Safe_names_are_accepted(string name) => Assert.Equal(name, ClientName.Parse(name).Value);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-leading-dash")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("a b")]
    [InlineData("受付")]
    [InlineData("CN=x,O=y")]
    [InlineData("line\nbreak")]
    public void Unsafe_names_are_refused_with_one_line(string? name)
    {
        var refused = Assert.Throws<ClinicCaException>(() => ClientName.Parse(name));
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void A_name_is_at_most_64_characters() =>
        Assert.Throws<ClinicCaException>(() => ClientName.Parse(new string('a', ClientName.MaxLength + 1)));

    [Fact]
    public void Any_text_is_a_safe_file_name_or_a_ClinicCaException()
    {
        Gen.String[0, 80].Sample(text =>
        {
            try
            {
                var name = ClientName.Parse(text);
                Assert.InRange(name.Value.Length, 1, ClientName.MaxLength);
                Assert.All(name.Value, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
                Assert.True(char.IsAsciiLetterOrDigit(name.Value[0]));
                Assert.Equal(name.Value, Path.GetFileName(name.Value));
            }
            catch (ClinicCaException)
            {
            }
        });
    }
}
