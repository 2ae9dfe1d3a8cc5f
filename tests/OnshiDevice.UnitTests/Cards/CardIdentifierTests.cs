using OnshiDevice.Cards;
using OnshiDevice.UnitTests.Cards.Hpki;
using static OnshiDevice.UnitTests.Cards.JpkiApdus;

namespace OnshiDevice.UnitTests.Cards;

public sealed class CardIdentifierTests
{
    [Fact]
    public void A_card_that_selects_the_JPKI_AP_is_a_My_Number_card()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(HpkiApdus.SelectHpkiSigning, "6A82")
            .Expect(HpkiApdus.SelectHpkiAuthentication, "6A82");

        var identity = CardIdentifier.Identify(card);

        Assert.Equal(CardType.MyNumber, identity.Type);
        Assert.Equal(["D392F000260100000001"], identity.Applications);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6A82")]
    [InlineData("6D00")]
    [InlineData("6999")]
    public void A_card_that_refuses_every_known_AID_is_unknown(string statusWord)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, statusWord)
            .Expect(HpkiApdus.SelectHpkiSigning, statusWord)
            .Expect(HpkiApdus.SelectHpkiAuthentication, statusWord);

        var identity = CardIdentifier.Identify(card);

        Assert.Equal(CardType.Unknown, identity.Type);
        Assert.Empty(identity.Applications);
        card.AssertFinished();
    }

    [Fact]
    public void A_card_whose_HPKI_applications_both_answer_is_an_HPKI_card_with_both_listed()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, "6A82")
            .Expect(HpkiApdus.SelectHpkiSigning, "6F 12 84 10 E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 01" + Ok)
            .Expect(HpkiApdus.SelectHpkiAuthentication, Ok);

        var identity = CardIdentifier.Identify(card);

        Assert.Equal(CardType.Hpki, identity.Type);
        Assert.Equal(["E828BD080FA000000391000000000001", "E828BD080FA000000391000000000002"], identity.Applications);
        card.AssertFinished();
    }

    [Fact]
    public void An_HPKI_card_with_only_the_authentication_application_is_an_HPKI_card()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, "6A82")
            .Expect(HpkiApdus.SelectHpkiSigning, "6A82")
            .Expect(HpkiApdus.SelectHpkiAuthentication, "6103")
            .Expect("00 C0 00 00 03", "6F 01 00" + Ok);

        var identity = CardIdentifier.Identify(card);

        Assert.Equal(CardType.Hpki, identity.Type);
        Assert.Equal(["E828BD080FA000000391000000000002"], identity.Applications);
        card.AssertFinished();
    }

    [Fact]
    public void The_HPKI_applications_are_selected_with_the_reference_bytes_asking_for_the_FCI()
    {
        Assert.Equal(
            Normalize("00 A4 04 00 10 E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 01 00"),
            Convert.ToHexString(OnshiDevice.Cards.Apdus.SelectCommand.For(CardApplication.HpkiSigning).ToBytes()));
        Assert.Equal(
            Normalize("00 A4 04 00 10 E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 02 00"),
            Convert.ToHexString(OnshiDevice.Cards.Apdus.SelectCommand.For(CardApplication.HpkiAuthentication).ToBytes()));
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

    private static string Normalize(string hex) => hex.Replace(" ", string.Empty, StringComparison.Ordinal);
}
