using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;
using static OnshiDevice.UnitTests.Cards.Hpki.HpkiApdus;

namespace OnshiDevice.UnitTests.Cards.Hpki;

public sealed class HpkiPinStatusTests
{
    [Theory]
    [InlineData("63CF", 15)]
    [InlineData("63C5", 5)]
    [InlineData("63C1", 1)]
    [InlineData("63C0", 0)]
    [InlineData("6983", 0)]
    [InlineData("6984", 0)]
    [InlineData("9000", 15)]
    public void The_data_less_VERIFY_P2_88_gives_the_tries_left(string answer, int triesLeft)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, answer);

        var status = HpkiCard.Open(card, HpkiApplication.Signing).GetPinStatus();

        Assert.Equal(new PinStatus(triesLeft, HpkiCard.MaxTries), status);
        Assert.Equal(triesLeft == 0, status.IsBlocked);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6700")]
    [InlineData("6A86")]
    [InlineData("6D00")]
    [InlineData("6B00")]
    [InlineData("6A81")]
    [InlineData("6A80")]
    [InlineData("6300")]
    [InlineData("6A88")]
    public void A_card_that_rejects_the_query_has_unknown_tries_and_no_try_is_spent_to_find_out(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiAuthentication, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, answer);

        var status = HpkiCard.Open(card, HpkiApplication.Authentication).GetPinStatus();

        Assert.Equal(PinStatus.Unknown(15), status);
        Assert.False(status.IsKnown);
        Assert.False(status.IsBlocked);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6F00")]
    [InlineData("6A82")]
    [InlineData("6985")]
    [InlineData("6283")]
    public void An_unexpected_answer_to_the_query_is_a_protocol_error(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, answer);

        var exception = Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).GetPinStatus());

        Assert.Contains(answer, exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void A_6982_to_the_query_is_a_security_status_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "6982");

        Assert.Throws<SecurityStatusNotSatisfiedException>(() => HpkiCard.Open(card, HpkiApplication.Signing).GetPinStatus());
        card.AssertFinished();
    }

    [Fact]
    public void A_PIN_EF_that_cannot_be_selected_is_a_protocol_error_and_no_VERIFY_is_sent()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, "6A82");

        Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).GetPinStatus());
        card.AssertFinished();
    }
}
