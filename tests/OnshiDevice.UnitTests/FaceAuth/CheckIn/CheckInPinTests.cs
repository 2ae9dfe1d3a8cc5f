using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInPinTests
{
    [Fact]
    public async Task A_PIN_check_in_completes_with_the_certificate_the_chip_proof_the_consents_and_the_times()
    {
        await using var flow = new FlowHarness();
        var choice = await flow.PlaceCardAsync();
        Assert.Equal(new ShowMethodChoice(FaceOffered: true, PinOffered: true, PinTriesLeft: 3), choice);
        var placedAt = flow.Time.GetUtcNow();

        flow.Time.Advance(TimeSpan.FromSeconds(2));
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        Assert.Equal(CheckInMethod.Pin, (await flow.NextAsync<CheckInMethodChosen>()).Method);
        var pin = FlowHarness.Secret("1234");
        flow.Reader.Push(new PinEntered(pin));
        var pinResult = await flow.NextAsync<PinResult>();
        await flow.AgreeToConsentsAsync();
        var completed = await flow.NextAsync<CheckInCompleted>();

        var result = completed.Result;
        Assert.True(pinResult.Passed);
        Assert.Equal(CheckInMethod.Pin, result.Method);
        Assert.Equal(FakeCheckInCard.ValidCertificate().Der.ToArray(), result.Certificate.Der.ToArray());
        Assert.True(result.Certificate.Verdict.IsValid);
        Assert.Equal(ChipKey.JpkiAuthentication, result.ChipPresence.Key);
        Assert.Equal(flow.Card.Challenges.Single(), result.ChipPresence.Challenge.ToArray());
        Assert.Equal(32, flow.Card.Challenges.Single().Length);
        Assert.Equal([ConsentTopic.Medication, ConsentTopic.HighCostLimit], result.Consents.Select(consent => consent.Topic));
        Assert.All(result.Consents, consent => Assert.Equal(ConsentAnswer.Agreed, consent.Answer));
        Assert.Equal(placedAt, result.Times.Placed);
        Assert.Equal(placedAt, result.Times.Identified);
        Assert.Equal(placedAt + TimeSpan.FromSeconds(2), result.Times.Authenticated);
        Assert.Equal(completed.At, result.Times.Completed);
        Assert.Equal(new ShowResult(true, ReaderMessage.CheckInComplete), await flow.ReaderEndsAsync());

        Assert.Equal(["1234"], flow.Card.PinValues);
        Assert.Equal([LastTryPolicy.Refuse], flow.Card.PinPolicies);
        Assert.True(FakeCheckInCard.IsWiped(pin));
        Assert.Equal(
            [FakeCheckInCard.Identify, FakeCheckInCard.PinStatusCall, FakeCheckInCard.VerifyPin, FakeCheckInCard.ReadCertificate],
            flow.Card.Calls);
    }

    [Fact]
    public async Task Every_event_of_a_check_in_carries_its_id()
    {
        await using var flow = new FlowHarness(new CheckInOptions { ConsentTopics = [], ResultScreenTime = TimeSpan.Zero });
        await flow.StartedAsync();
        flow.Reader.Push(new CardPlaced());
        var started = await flow.NextAsync<CheckInStarted>();
        await flow.Reader.NextAsync<ShowMethodChoice>();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        var chosen = await flow.NextAsync<CheckInMethodChosen>();
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
        var pin = await flow.NextAsync<PinResult>();
        var completed = await flow.NextAsync<CheckInCompleted>();

        Assert.NotEqual(Guid.Empty, started.CheckInId);
        Assert.All(new CheckInEvent[] { chosen, pin, completed }, item => Assert.Equal(started.CheckInId, item.CheckInId));
    }

    [Fact]
    public async Task A_wrong_PIN_is_verified_once_and_the_method_choice_comes_back_with_the_tries_left()
    {
        await using var flow = new FlowHarness();
        flow.Card.PinAnswers.Enqueue(new PinIncorrectException(2, "wrong"));
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        var wrong = FlowHarness.Secret("1111");
        flow.Reader.Push(new PinEntered(wrong));

        var result = await NextPinResultAsync(flow);
        Assert.Equal((SecretCheckOutcome.Incorrect, (int?)2), (result.Outcome, result.TriesLeft));
        Assert.Equal(new ShowMessage(ReaderMessage.PinIncorrect), await flow.Reader.NextAsync<ShowMessage>());
        Assert.Equal(new ShowMethodChoice(true, true, 2), await flow.Reader.NextAsync<ShowMethodChoice>());
        Assert.True(FakeCheckInCard.IsWiped(wrong));
        Assert.Single(flow.Card.PinsGiven);

        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        var right = FlowHarness.Secret("1234");
        flow.Reader.Push(new PinEntered(right));
        await flow.NextAsync<CheckInMethodChosen>();
        Assert.True((await flow.NextAsync<PinResult>()).Passed);
        await flow.AgreeToConsentsAsync();
        await flow.NextAsync<CheckInCompleted>();

        Assert.Equal(["1111", "1234"], flow.Card.PinValues);
        Assert.True(FakeCheckInCard.IsWiped(right));
    }

    [Fact]
    public async Task A_PIN_blocked_by_the_wrong_entry_leaves_face_only()
    {
        await using var flow = new FlowHarness();
        flow.Card.PinAnswers.Enqueue(new PinBlockedException("blocked"));
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1111")));

        var result = await NextPinResultAsync(flow);
        Assert.Equal((SecretCheckOutcome.Blocked, (int?)0), (result.Outcome, result.TriesLeft));
        Assert.Equal(new ShowMessage(ReaderMessage.PinBlocked), await flow.Reader.NextAsync<ShowMessage>());
        Assert.Equal(new ShowMethodChoice(true, false, null), await flow.Reader.NextAsync<ShowMethodChoice>());
    }

    [Fact]
    public async Task The_last_try_is_refused_by_the_card_layer_and_the_PIN_is_not_offered_again()
    {
        await using var flow = new FlowHarness();
        flow.Card.AuthPinStatus = new PinStatus(1, 3);
        flow.Card.PinAnswers.Enqueue(new LastTryRefusedException(1, "last try"));
        var choice = await flow.PlaceCardAsync();
        Assert.Equal(1, choice.PinTriesLeft);
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        var pin = FlowHarness.Secret("1234");
        flow.Reader.Push(new PinEntered(pin));

        var result = await NextPinResultAsync(flow);
        Assert.Equal((SecretCheckOutcome.LastTryRefused, (int?)1), (result.Outcome, result.TriesLeft));
        Assert.False(result.Passed);
        Assert.Equal(new ShowMessage(ReaderMessage.CallStaff), await flow.Reader.NextAsync<ShowMessage>());
        Assert.Equal(new ShowMethodChoice(true, false, null), await flow.Reader.NextAsync<ShowMethodChoice>());
        Assert.Equal([LastTryPolicy.Refuse], flow.Card.PinPolicies);
        Assert.True(FakeCheckInCard.IsWiped(pin));
    }

    [Fact]
    public async Task The_options_may_let_the_reader_spend_the_last_try()
    {
        await using var flow = new FlowHarness(new CheckInOptions { PinLastTry = LastTryPolicy.Allow, ConsentTopics = [] });
        flow.Card.AuthPinStatus = new PinStatus(1, 3);
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
        await flow.NextAsync<CheckInMethodChosen>();
        await flow.NextAsync<PinResult>();
        await flow.NextAsync<CheckInCompleted>();

        Assert.Equal([LastTryPolicy.Allow], flow.Card.PinPolicies);
    }

    [Fact]
    public async Task A_PIN_the_card_cannot_take_spends_nothing_and_the_PIN_stays_offered()
    {
        await using var flow = new FlowHarness();
        flow.Card.PinAnswers.Enqueue(new InvalidPinFormatException("format"));
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("12")));

        var result = await NextPinResultAsync(flow);
        Assert.Equal((SecretCheckOutcome.InvalidFormat, (int?)3), (result.Outcome, result.TriesLeft));
        Assert.Equal(new ShowMethodChoice(true, true, 3), await flow.Reader.NextAsync<ShowMethodChoice>());
    }

    [Fact]
    public async Task A_card_without_a_PIN_set_is_offered_face_only()
    {
        await using var flow = new FlowHarness();
        flow.Card.AuthPinStatus = new PinStatus(0, 3);

        Assert.Equal(new ShowMethodChoice(true, false, null), await flow.PlaceCardAsync());
    }

    [Fact]
    public async Task A_reader_without_a_keypad_is_offered_no_PIN()
    {
        await using var flow = new FlowHarness(reader: new ScriptedFaceReader(FaceReaderCapabilities.Liveness));

        Assert.Equal(new ShowMethodChoice(true, false, null), await flow.PlaceCardAsync());
    }

    [Fact]
    public async Task A_card_that_does_not_tell_its_tries_is_offered_the_PIN_without_a_count()
    {
        await using var flow = new FlowHarness();
        flow.Card.AuthPinStatus = PinStatus.Unknown(3);

        Assert.Equal(new ShowMethodChoice(true, true, null), await flow.PlaceCardAsync());
    }

    [Fact]
    public async Task A_method_not_offered_is_ignored_and_a_PIN_on_the_method_screen_is_wiped()
    {
        await using var flow = new FlowHarness();
        flow.Card.AuthPinStatus = new PinStatus(0, 3);
        await flow.PlaceCardAsync();
        var stray = FlowHarness.Secret("9999");
        flow.Reader.Push(new PinEntered(stray));
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        flow.Reader.Push(new MethodChosen(CheckInMethod.VisualCheck));
        flow.Reader.Push(new MethodChosen(CheckInMethod.Face));

        Assert.Equal(CheckInMethod.Face, (await flow.NextAsync<CheckInMethodChosen>()).Method);
        Assert.True(FakeCheckInCard.IsWiped(stray));
        Assert.Empty(flow.Card.PinsGiven);
    }

    private static async Task<PinResult> NextPinResultAsync(FlowHarness flow)
    {
        await flow.NextAsync<CheckInMethodChosen>();
        return await flow.NextAsync<PinResult>();
    }
}
