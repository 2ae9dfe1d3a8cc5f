using CsCheck;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Iso7816;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.UnitTests.Cards.Hpki;

namespace OnshiDevice.UnitTests.Cards;

/// <summary>
/// Random sessions of status queries, PIN checks, signatures and signing-certificate reads, with right,
/// wrong and malformed PINs, against the virtual My Number card: a card is never blocked by requests that
/// did not allow the last try, each call costs at most one try (a malformed PIN none, and no VERIFY goes out),
/// and the tries the product reports are the card's.
/// </summary>
public sealed class MyNumberPinSafetyModelTests
{
    private static readonly Gen<Step> Steps = Gen.Select(Gen.Enum<JpkiPin>(), Gen.Enum<Call>(), Gen.Enum<PinChoice>(), Gen.Bool)
        .Select((pin, call, choice, allowLastTry) => new Step(pin, call, choice, allowLastTry));

    private static readonly Gen<(int Auth, int Signing)> StartingTries =
        Gen.Select(Gen.Int[0, VirtualMyNumberCard.AuthPinMaximumTries], Gen.Int[0, VirtualMyNumberCard.SigningPasswordMaximumTries]);

    private enum Call
    {
        Status,
        Verify,
        Sign,
        ReadSigningCertificate,
    }

    private enum PinChoice
    {
        Right,
        Wrong,
        Malformed,
    }

    [Fact]
    public void A_card_is_never_blocked_by_requests_that_refuse_the_last_try() =>
        Gen.Select(Gen.Int[1, VirtualMyNumberCard.AuthPinMaximumTries], Gen.Int[1, VirtualMyNumberCard.SigningPasswordMaximumTries], Steps.Where(step => !step.AllowLastTry).Array[1, 40])
            .Sample((authTries, signingTries, steps) =>
            {
                var card = VirtualMyNumberCards.Custom(VirtualMyNumberCards.AuthPin, VirtualMyNumberCards.SigningPassword, authTries, signingTries);
                var channel = new VirtualCardChannel(card);
                foreach (var step in steps)
                {
                    Execute(card, channel, step);
                }

                Assert.True(card.AuthPinTriesLeft >= 1, $"auth PIN reached {card.AuthPinTriesLeft}");
                Assert.True(card.SigningPasswordTriesLeft >= 1, $"signing password reached {card.SigningPasswordTriesLeft}");
            }, iter: 200);

    [Fact]
    public void Each_call_costs_at_most_one_try_and_reports_the_cards_count() =>
        Gen.Select(StartingTries, Steps.Array[1, 40]).Sample((start, steps) =>
        {
            var card = VirtualMyNumberCards.Custom(VirtualMyNumberCards.AuthPin, VirtualMyNumberCards.SigningPassword, start.Auth, start.Signing);
            var channel = new VirtualCardChannel(card);
            foreach (var step in steps)
            {
                var before = TriesOf(card, step.Pin);
                var commandsBefore = channel.Commands.Count;
                var outcome = Execute(card, channel, step);
                var after = TriesOf(card, step.Pin);

                Assert.True(after >= before - 1, $"one call took {before - after} tries");
                Assert.True(after >= before || (step.Choice == PinChoice.Wrong && step.Call != Call.Status), $"{step} lowered the count from {before} to {after}");
                Assert.True(after <= before || (step.Choice == PinChoice.Right && step.Call != Call.Status), $"{step} raised the count from {before} to {after}");
                switch (outcome)
                {
                    case Reported reported:
                        Assert.Equal(after, reported.Status.TriesLeft);
                        Assert.Equal(MaxTries(step.Pin), reported.Status.MaxTries);
                        break;
                    case PinIncorrectException incorrect:
                        Assert.Equal(after, incorrect.TriesLeft);
                        Assert.True(after >= 1);
                        break;
                    case LastTryRefusedException refused:
                        Assert.Equal(1, refused.TriesLeft);
                        Assert.Equal(1, before);
                        Assert.Equal(before, after);
                        Assert.False(step.AllowLastTry);
                        break;
                    case PinBlockedException:
                        Assert.Equal(0, after);
                        break;
                    case InvalidPinFormatException:
                        Assert.Equal(PinChoice.Malformed, step.Choice);
                        Assert.DoesNotContain(channel.Commands.Skip(commandsBefore), command => command.Ins == 0x20);
                        break;
                    case Succeeded:
                        Assert.Equal(PinChoice.Right, step.Choice);
                        Assert.Equal(MaxTries(step.Pin), after);
                        break;
                }

                if (step.Call != Call.Status && step.Choice == PinChoice.Right && before > 0 && (before > 1 || step.AllowLastTry))
                {
                    Assert.IsType<Succeeded>(outcome);
                }

            }
        }, iter: 200);

    /// <summary>One call as the service makes it (open, VERIFY, maybe sign or read), then the card reset that ends a PIN call.</summary>
    private static object Execute(VirtualMyNumberCard card, IApduChannel channel, Step step)
    {
        try
        {
            var myNumber = MyNumberCard.Open(channel);
            if (step.Call == Call.Status)
            {
                return new Reported(myNumber.GetPinStatus(step.Pin));
            }

            var policy = step.AllowLastTry ? LastTryPolicy.Allow : LastTryPolicy.Refuse;
            myNumber.VerifyPin(step.Pin, PinFor(step), policy);
            switch (step.Call)
            {
                case Call.Sign:
                    Assert.Equal(256, myNumber.SignDigest(step.Pin == JpkiPin.AuthPin ? JpkiKey.AuthKey : JpkiKey.SigningKey, new byte[32]).Length);
                    break;
                case Call.ReadSigningCertificate when step.Pin == JpkiPin.SigningPassword:
                    Assert.Equal(card.SigningCertificate, myNumber.ReadCertificate(JpkiCertificateKind.Signing));
                    break;
            }

            return new Succeeded();
        }
        catch (CardException expected) when (expected is PinIncorrectException or PinBlockedException or LastTryRefusedException or InvalidPinFormatException)
        {
            return expected;
        }
        finally
        {
            card.Reset();
        }
    }

    private static string PinFor(Step step) => (step.Pin, step.Choice) switch
    {
        (JpkiPin.AuthPin, PinChoice.Right) => VirtualMyNumberCards.AuthPin,
        (JpkiPin.AuthPin, PinChoice.Wrong) => "9999",
        (JpkiPin.AuthPin, PinChoice.Malformed) => "12a4",
        (JpkiPin.SigningPassword, PinChoice.Right) => VirtualMyNumberCards.SigningPassword.ToLowerInvariant(),
        (JpkiPin.SigningPassword, PinChoice.Wrong) => "WRONG9",
        (JpkiPin.SigningPassword, PinChoice.Malformed) => "ABC 12",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unmapped step."),
    };

    private static int TriesOf(VirtualMyNumberCard card, JpkiPin pin) =>
        pin == JpkiPin.AuthPin ? card.AuthPinTriesLeft : card.SigningPasswordTriesLeft;

    private static int MaxTries(JpkiPin pin) =>
        pin == JpkiPin.AuthPin ? VirtualMyNumberCard.AuthPinMaximumTries : VirtualMyNumberCard.SigningPasswordMaximumTries;

    private sealed record Step(JpkiPin Pin, Call Call, PinChoice Choice, bool AllowLastTry);

    private sealed record Reported(PinStatus Status);

    private sealed record Succeeded;
}
