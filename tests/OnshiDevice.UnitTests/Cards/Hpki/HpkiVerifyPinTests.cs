using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;
using static OnshiDevice.UnitTests.Cards.Hpki.HpkiApdus;

namespace OnshiDevice.UnitTests.Cards.Hpki;

public sealed class HpkiVerifyPinTests
{
    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("12345678901234567")]
    [InlineData("12 4")]
    [InlineData("12\t4")]
    [InlineData("123\u007F")]
    [InlineData("１２　４")] // the ideographic space is a space: refused
    [InlineData("²³⁴¹")]
    [InlineData("5678é")]
    [InlineData("abc\u0000")]
    public void A_badly_formed_PIN_is_refused_before_any_APDU_and_never_echoed(string value)
    {
        var card = new ScriptedApduChannel().Expect(SelectHpkiSigning, Ok);
        var hpkiCard = HpkiCard.Open(card, HpkiApplication.Signing);

        var exception = Assert.Throws<InvalidPinFormatException>(() => hpkiCard.VerifyPin(value, LastTryPolicy.Allow));

        Assert.Single(card.Sent);
        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("5678")]
    [InlineData("!~aZ")]
    [InlineData("1234567890abcdef")]
    [InlineData("p@ss-Word_09")]
    public void A_well_formed_PIN_is_sent_as_ASCII_unchanged_in_one_VERIFY_P2_88(string value)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63CF")
            .Expect(Verify(value), Ok);

        var status = HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin(value, LastTryPolicy.Refuse);

        Assert.Equal(new PinStatus(15, 15), status);
        card.AssertFinished();
    }

    [Fact]
    public void The_PIN_goes_out_as_the_reference_writes_it()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiAuthentication, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63C7")
            .Expect("00 20 00 88 04 35 36 37 38", Ok);

        HpkiCard.Open(card, HpkiApplication.Authentication).VerifyPin("5678", LastTryPolicy.Refuse);

        card.AssertFinished();
    }

    [Fact]
    public void The_PIN_bytes_are_cleared_after_sending()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63CF")
            .Expect(Verify("9876"), "63CE");

        Assert.Throws<PinIncorrectException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("9876", LastTryPolicy.Refuse));

        var verify = card.SentCommands[^1];
        Assert.Equal(4, verify.Nc);
        Assert.All(verify.Data.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_last_try_is_refused_with_only_the_status_query_sent()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63C1");

        var exception = Assert.Throws<LastTryRefusedException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Refuse));

        Assert.Equal(1, exception.TriesLeft);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6D00")]
    [InlineData("6700")]
    [InlineData("6300")]
    public void Unknown_tries_are_refused_like_a_last_try_without_any_VERIFY_carrying_the_PIN(string queryAnswer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, queryAnswer);

        var exception = Assert.Throws<LastTryRefusedException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Refuse));

        Assert.Null(exception.TriesLeft);
        Assert.DoesNotContain(card.SentCommands, command => command.Ins == 0x20 && command.Nc > 0);
        card.AssertFinished();
    }

    [Fact]
    public void Unknown_tries_are_spent_when_allowed()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "6A86")
            .Expect(Verify("5678"), Ok);

        Assert.Equal(new PinStatus(15, 15), HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Fact]
    public void The_last_try_is_spent_when_allowed()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63C1")
            .Expect(Verify("5678"), Ok);

        Assert.Equal(new PinStatus(15, 15), HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("63CE", 14)]
    [InlineData("63C9", 9)]
    [InlineData("63C1", 1)]
    public void A_wrong_PIN_reports_the_tries_left_and_is_not_retried(string answer, int triesLeft)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63CF")
            .Expect(Verify("5678"), answer);

        var exception = Assert.Throws<PinIncorrectException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Refuse));

        Assert.Equal(triesLeft, exception.TriesLeft);
        Assert.DoesNotContain("5678", exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void A_wrong_PIN_answered_6300_has_unknown_tries_left()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63CF")
            .Expect(Verify("5678"), "6300");

        var exception = Assert.Throws<PinIncorrectException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Refuse));

        Assert.Null(exception.TriesLeft);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("63C0")]
    [InlineData("6983")]
    [InlineData("6984")]
    public void A_wrong_PIN_on_the_last_try_blocks_it(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63C1")
            .Expect(Verify("5678"), answer);

        Assert.Throws<PinBlockedException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6983")]
    [InlineData("6984")]
    [InlineData("63C0")]
    public void A_blocked_PIN_is_not_verified(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, answer);

        Assert.Throws<PinBlockedException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6F00")]
    [InlineData("6700")]
    [InlineData("6C04")]
    [InlineData("6A86")]
    public void An_unexpected_answer_to_VERIFY_is_a_protocol_error_and_nothing_is_re_sent(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63CF")
            .Expect(Verify("5678"), answer);

        var exception = Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).VerifyPin("5678", LastTryPolicy.Allow));

        Assert.Contains(answer, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void Cancellation_after_the_status_query_sends_no_VERIFY()
    {
        using var cancellation = new CancellationTokenSource();
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63CF");
        var hpkiCard = HpkiCard.Open(card, HpkiApplication.Signing);
        card.AfterTransmit = () =>
        {
            if (card.Sent.Count == 3)
            {
                cancellation.Cancel();
            }
        };

        Assert.Throws<OperationCanceledException>(() => hpkiCard.VerifyPin("5678", LastTryPolicy.Allow, cancellation.Token));
        card.AssertFinished();
    }
}
