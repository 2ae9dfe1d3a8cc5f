using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards.Apdus;

public sealed class SelectResponseTests
{
    [Fact]
    public void A_9000_selects_whatever_FCI_comes_with_it()
    {
        var selected = new SelectResponse(ResponseApdu.Parse(Convert.FromHexString("6F038401019000")));
        Assert.True(selected.IsSelected);
        selected.ThrowIfNotSelected("the PIN file (0002)");
    }

    [Theory]
    [InlineData("6A82")]
    [InlineData("6A86")]
    [InlineData("6283")]
    public void A_file_that_does_not_select_is_a_protocol_error_naming_the_answer(string answer)
    {
        var response = new SelectResponse(ResponseApdu.Parse(Convert.FromHexString(answer)));

        var exception = Assert.Throws<CardProtocolException>(() => response.ThrowIfNotSelected("the PIN file (0002)"));
        Assert.Contains(answer, exception.Message, StringComparison.Ordinal);
        Assert.Contains("the PIN file (0002)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_behind_a_PIN_is_the_PIN_first_error()
    {
        var response = new SelectResponse(ResponseApdu.Parse(Convert.FromHexString("6982")));

        Assert.Throws<SecurityStatusNotSatisfiedException>(() => response.ThrowIfNotSelected("the signing certificate (0001)"));
    }
}
