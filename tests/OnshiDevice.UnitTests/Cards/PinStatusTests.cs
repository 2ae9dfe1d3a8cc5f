using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using static OnshiDevice.UnitTests.Cards.JpkiApdus;

namespace OnshiDevice.UnitTests.Cards;

public sealed class PinStatusTests
{
    [Theory]
    [InlineData(JpkiPin.AuthPin, SelectAuthPin, "63C3", 3, 3)]
    [InlineData(JpkiPin.AuthPin, SelectAuthPin, "63C2", 2, 3)]
    [InlineData(JpkiPin.AuthPin, SelectAuthPin, "63C1", 1, 3)]
    [InlineData(JpkiPin.AuthPin, SelectAuthPin, "63C0", 0, 3)]
    [InlineData(JpkiPin.AuthPin, SelectAuthPin, "6984", 0, 3)]

    // 6983 (authentication method blocked) is not seen on My Number cards, but it means blocked on every
    // card (one VERIFY status-word map): reading it as blocked refuses the VERIFY instead of spending a try.
    [InlineData(JpkiPin.AuthPin, SelectAuthPin, "6983", 0, 3)]
    [InlineData(JpkiPin.AuthPin, SelectAuthPin, "9000", 3, 3)]
    [InlineData(JpkiPin.SigningPassword, SelectSigningPassword, "63C5", 5, 5)]
    [InlineData(JpkiPin.SigningPassword, SelectSigningPassword, "63C4", 4, 5)]
    [InlineData(JpkiPin.SigningPassword, SelectSigningPassword, "6984", 0, 5)]
    [InlineData(JpkiPin.SigningPassword, SelectSigningPassword, "9000", 5, 5)]
    public void The_empty_VERIFY_answer_gives_the_tries_left(JpkiPin pin, string selectPin, string answer, int triesLeft, int maxTries)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(selectPin, Ok)
            .Expect(QueryRetryCounter, answer);

        var status = MyNumberCard.Open(card).GetPinStatus(pin);

        Assert.Equal(new OnshiDevice.Cards.PinStatus(triesLeft, maxTries), status);
        Assert.Equal(triesLeft == 0, status.IsBlocked);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6F00")]
    [InlineData("6A88")]
    [InlineData("6300")]
    [InlineData("63C4")]
    [InlineData("63CF")]
    public void An_unexpected_answer_to_the_query_is_a_protocol_error(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, answer);

        var exception = Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).GetPinStatus(JpkiPin.AuthPin));

        Assert.Contains(answer, exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void A_PIN_EF_that_cannot_be_selected_is_a_protocol_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, "6A82");

        Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).GetPinStatus(JpkiPin.AuthPin));
        card.AssertFinished();
    }
}
