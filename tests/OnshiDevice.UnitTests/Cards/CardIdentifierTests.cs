using OnshiDevice.Cards;
using static OnshiDevice.UnitTests.Cards.JpkiApdus;

namespace OnshiDevice.UnitTests.Cards;

public sealed class CardIdentifierTests
{
    [Fact]
    public void A_card_that_selects_the_JPKI_AP_is_a_My_Number_card()
    {
        var card = new ScriptedApduChannel().Expect(SelectJpki, Ok);

        var identity = CardIdentifier.Identify(card);

        Assert.Equal(CardType.MyNumber, identity.Type);
        Assert.Equal(["D392F000260100000001"], identity.Applications);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6A82")]
    [InlineData("6D00")]
    [InlineData("6999")]
    public void A_card_that_refuses_the_JPKI_AID_is_unknown(string statusWord)
    {
        var card = new ScriptedApduChannel().Expect(SelectJpki, statusWord);

        var identity = CardIdentifier.Identify(card);

        Assert.Equal(CardType.Unknown, identity.Type);
        Assert.Empty(identity.Applications);
        card.AssertFinished();
    }

    [Fact]
    public void Every_listed_application_is_selected_and_the_first_that_answers_sets_the_type()
    {
        var other = new CardApplication(CardType.Hpki, "test", new byte[] { 0xA0, 0x00, 0x00, 0x01 });
        var card = new ScriptedApduChannel()
            .Expect("00 A4 04 0C 04 A0 00 00 01", "6A82")
            .Expect(SelectJpki, Ok);

        var identity = CardIdentifier.Identify(card, [other, CardApplication.Jpki]);

        Assert.Equal(CardType.MyNumber, identity.Type);
        Assert.Equal(["D392F000260100000001"], identity.Applications);
        card.AssertFinished();
    }

    [Fact]
    public void A_cancelled_identification_sends_nothing()
    {
        var card = new ScriptedApduChannel();

        Assert.Throws<OperationCanceledException>(() => CardIdentifier.Identify(card, new CancellationToken(canceled: true)));

        Assert.Empty(card.Sent);
    }
}
