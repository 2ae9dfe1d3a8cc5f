using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using static OnshiDevice.UnitTests.Cards.JpkiApdus;

namespace OnshiDevice.UnitTests.Cards;

public sealed class VerifyPinTests
{
    [Theory]
    [InlineData(JpkiPin.AuthPin, "")]
    [InlineData(JpkiPin.AuthPin, "123")]
    [InlineData(JpkiPin.AuthPin, "12345")]
    [InlineData(JpkiPin.AuthPin, "12a4")]
    [InlineData(JpkiPin.AuthPin, "12 4")]
    [InlineData(JpkiPin.AuthPin, "１２３")] // full-width digits are digits, but three are too few
    [InlineData(JpkiPin.AuthPin, "①②③④")]
    [InlineData(JpkiPin.AuthPin, "١٢٣٤")]
    [InlineData(JpkiPin.SigningPassword, "ABC12")]
    [InlineData(JpkiPin.SigningPassword, "ABCDEFGHIJ1234567")]
    [InlineData(JpkiPin.SigningPassword, "ABC-123")]
    [InlineData(JpkiPin.SigningPassword, "ABC 123")]
    [InlineData(JpkiPin.SigningPassword, "abcdeı1")]
    [InlineData(JpkiPin.SigningPassword, "abcdeſ1")]
    [InlineData(JpkiPin.SigningPassword, "ＡＢＣ－１２３")] // the full-width hyphen is a hyphen: refused
    public void A_badly_formed_PIN_is_refused_before_any_APDU_and_never_echoed(JpkiPin pin, string value)
    {
        var card = new ScriptedApduChannel().Expect(SelectJpki, Ok);
        var myNumberCard = MyNumberCard.Open(card);

        var exception = Assert.Throws<InvalidPinFormatException>(() => myNumberCard.VerifyPin(pin, value, LastTryPolicy.Allow));

        Assert.Single(card.Sent);
        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_correct_auth_PIN_is_verified_once_after_the_status_query()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C3")
            .Expect("00 20 00 80 04 31 32 33 34", Ok);

        var status = MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Refuse);

        Assert.Equal(new PinStatus(3, 3), status);
        card.AssertFinished();
    }

    [Fact]
    public void The_signing_password_is_sent_upper_case()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectSigningPassword, Ok)
            .Expect(QueryRetryCounter, "63C5")
            .Expect("00 20 00 80 08 41 42 43 44 45 31 32 33", Ok);

        var status = MyNumberCard.Open(card).VerifyPin(JpkiPin.SigningPassword, "abcDe123", LastTryPolicy.Refuse);

        Assert.Equal(new PinStatus(5, 5), status);
        card.AssertFinished();
    }

    [Fact]
    public void The_PIN_bytes_are_cleared_after_sending()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C3")
            .Expect("00 20 00 80 04 39 38 37 36", "63C2");

        Assert.Throws<PinIncorrectException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "9876", LastTryPolicy.Refuse));

        var verify = card.SentCommands[^1];
        Assert.Equal(4, verify.Nc);
        Assert.All(verify.Data.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_last_try_is_refused_with_only_the_status_query_sent()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C1");

        var exception = Assert.Throws<LastTryRefusedException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Refuse));

        Assert.Equal(1, exception.TriesLeft);
        card.AssertFinished();
    }

    [Fact]
    public void The_last_try_is_spent_when_allowed()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C1")
            .Expect("00 20 00 80 04 31 32 33 34", Ok);

        Assert.Equal(new PinStatus(3, 3), MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("63C2", 2)]
    [InlineData("63C1", 1)]
    public void A_wrong_PIN_reports_the_tries_left_and_is_not_retried(string answer, int triesLeft)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C3")
            .Expect("00 20 00 80 04 31 32 33 34", answer);

        var exception = Assert.Throws<PinIncorrectException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Refuse));

        Assert.Equal(triesLeft, exception.TriesLeft);
        Assert.DoesNotContain("1234", exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("63C0")]
    [InlineData("6984")]
    public void A_wrong_PIN_on_the_last_try_blocks_it(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectSigningPassword, Ok)
            .Expect(QueryRetryCounter, "63C1")
            .Expect("00 20 00 80 06 41 42 43 31 32 33", answer);

        Assert.Throws<PinBlockedException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.SigningPassword, "ABC123", LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6984")]
    [InlineData("63C0")]
    public void A_blocked_PIN_is_not_verified(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, answer);

        Assert.Throws<PinBlockedException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6F00")]
    [InlineData("6700")]
    [InlineData("6C04")]
    public void An_unexpected_answer_to_VERIFY_is_a_protocol_error_and_nothing_is_re_sent(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C3")
            .Expect("00 20 00 80 04 31 32 33 34", answer);

        var exception = Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Allow));

        Assert.Contains(answer, exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void Cancellation_after_the_status_query_sends_no_VERIFY()
    {
        using var cancellation = new CancellationTokenSource();
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C3");
        var myNumberCard = MyNumberCard.Open(card);
        card.AfterTransmit = () =>
        {
            if (card.Sent.Count == 3)
            {
                cancellation.Cancel();
            }
        };

        Assert.Throws<OperationCanceledException>(() => myNumberCard.VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Allow, cancellation.Token));
        card.AssertFinished();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_last_try_policy_without_its_own_meaning_is_an_error_before_anything_is_sent(int policy)
    {
        var card = new ScriptedApduChannel().Expect(SelectJpki, Ok);
        var myNumberCard = MyNumberCard.Open(card);

        Assert.Throws<ArgumentOutOfRangeException>(() => myNumberCard.VerifyPin(JpkiPin.AuthPin, "1234", (LastTryPolicy)policy));
        card.AssertFinished();
    }

    [Fact]
    public void A_wrong_pin_answered_6300_is_incorrect_with_the_tries_unknown()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C3")
            .Expect("00 20 00 80 04 31 32 33 34", "6300");

        var exception = Assert.Throws<PinIncorrectException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Refuse));

        Assert.Null(exception.TriesLeft);
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6983")]
    [InlineData("6984")]
    [InlineData("63C0")]
    public void A_VERIFY_answered_blocked_is_blocked(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthPin, Ok)
            .Expect(QueryRetryCounter, "63C2")
            .Expect("00 20 00 80 04 31 32 33 34", answer);

        Assert.Throws<PinBlockedException>(() => MyNumberCard.Open(card).VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Refuse));
        card.AssertFinished();
    }
}
