using CsCheck;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Iso7816;
using OnshiDevice.Simulators.Hpki;

namespace OnshiDevice.UnitTests.Cards.Hpki;

/// <summary>
/// Random sessions of PIN checks and signatures, right and wrong PINs, against the virtual HPKI card:
/// a card is never locked by a request that did not allow the last try, each VERIFY costs at most one
/// try, and the tries the product reports are the card's.
/// </summary>
public sealed class HpkiPinSafetyModelTests
{
    private static readonly Gen<Step> Steps = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool)
        .Select((rightPin, sign, allowLastTry, signingApplication) => new Step(rightPin, sign, allowLastTry, signingApplication));

    [Fact]
    public void A_card_is_never_blocked_by_requests_that_refuse_the_last_try() =>
        Gen.Select(Gen.Int[1, 15], Steps.Where(step => !step.AllowLastTry).Array[1, 40]).Sample((startingTries, steps) =>
        {
            var card = VirtualHpkiCards.Custom(VirtualHpkiCards.Pin, VirtualHpkiCards.Pin, startingTries, startingTries);
            Run(card, steps);

            Assert.True(card.SigningPinTriesLeft >= 1, $"signing PIN reached {card.SigningPinTriesLeft}");
            Assert.True(card.AuthenticationPinTriesLeft >= 1, $"authentication PIN reached {card.AuthenticationPinTriesLeft}");
        }, iter: 200);

    [Fact]
    public void Each_call_costs_at_most_one_try_and_reports_the_cards_count() =>
        Gen.Select(Gen.Int[0, 15], Steps.Array[1, 40]).Sample((startingTries, steps) =>
        {
            var card = VirtualHpkiCards.Custom(VirtualHpkiCards.Pin, VirtualHpkiCards.Pin, startingTries, startingTries);
            var channel = new VirtualCardChannel(card);
            foreach (var step in steps)
            {
                var before = TriesOf(card, step);
                var outcome = Execute(channel, step);
                var after = TriesOf(card, step);

                Assert.True(after >= before - 1, $"one call took {before - after} tries");
                if (outcome is PinIncorrectException incorrect)
                {
                    Assert.Equal(after, incorrect.TriesLeft);
                }

                if (outcome is LastTryRefusedException)
                {
                    Assert.Equal(before, after);
                    Assert.False(step.AllowLastTry);
                }

                if (step.RightPin && after > 0 && (before > 1 || step.AllowLastTry))
                {
                    Assert.Null(outcome);
                    Assert.Equal(VirtualHpkiCard.MaximumTries, after);
                }
            }
        }, iter: 200);

    private static void Run(VirtualHpkiCard card, IEnumerable<Step> steps)
    {
        var channel = new VirtualCardChannel(card);
        foreach (var step in steps)
        {
            Execute(channel, step);
        }
    }

    /// <summary>One call as the service makes it: open, VERIFY, maybe sign. Returns the card error, or null on success.</summary>
    private static CardException? Execute(IApduChannel channel, Step step)
    {
        try
        {
            var hpki = HpkiCard.Open(channel, step.SigningApplication ? HpkiApplication.Signing : HpkiApplication.Authentication);
            hpki.VerifyPin(step.RightPin ? VirtualHpkiCards.Pin : "0000", step.AllowLastTry ? LastTryPolicy.Allow : LastTryPolicy.Refuse);
            if (step.Sign)
            {
                Assert.Equal(256, hpki.SignDigest(new byte[32]).Length);
            }

            return null;
        }
        catch (CardException expected) when (expected is PinIncorrectException or PinBlockedException or LastTryRefusedException)
        {
            return expected;
        }
    }

    private static int TriesOf(VirtualHpkiCard card, Step step) =>
        step.SigningApplication ? card.SigningPinTriesLeft : card.AuthenticationPinTriesLeft;

    private sealed record Step(bool RightPin, bool Sign, bool AllowLastTry, bool SigningApplication);
}
