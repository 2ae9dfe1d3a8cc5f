using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInVisualCheckTests
{
    [Fact]
    public async Task Staff_switch_to_a_visual_check_confirm_and_the_check_in_completes_with_the_photo_wiped_at_its_end()
    {
        await using var flow = new FlowHarness();
        await flow.PlaceCardAsync();
        flow.Flow.Post(new SwitchToVisualCheck());

        await flow.Reader.NextAsync<EnterVisualCheckMode>();
        Assert.Equal(CheckInMethod.VisualCheck, (await flow.NextAsync<CheckInMethodChosen>()).Method);
        await flow.NextAsync<CardFaceNumberNeeded>();
        var number = FlowHarness.Secret("9001013012345");
        flow.Flow.Post(new EnterCardFaceNumber(number));
        await flow.NextAsync<CardFaceNumberResult>();
        var needed = await flow.NextAsync<VisualCheckNeeded>();
        Assert.Equal(FakeCheckInCard.Photo, needed.Photo.Jpeg2000.ToArray());
        Assert.True(FakeCheckInCard.IsWiped(number));
        flow.Flow.Post(new ConfirmIdentity());
        await flow.Reader.NextAsync<ReturnToAutomaticMode>();
        await flow.AgreeToConsentsAsync();
        var completed = await flow.NextAsync<CheckInCompleted>();

        Assert.Equal(CheckInMethod.VisualCheck, completed.Result.Method);
        Assert.Equal(ChipKey.CardFaceApplication, completed.Result.ChipPresence.Key);
        Assert.True(needed.Photo.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => needed.Photo.Jpeg2000);
        Assert.Equal(new ShowResult(true, ReaderMessage.CheckInComplete), await flow.ReaderEndsAsync());
    }

    [Fact]
    public async Task The_reader_staff_key_switches_and_confirms_too()
    {
        await using var flow = new FlowHarness();
        await flow.StartedAsync();
        flow.Reader.Push(new CardPlaced());
        flow.Reader.Push(new CardFaceNumberRead(FlowHarness.Secret("9001013012345")));
        await flow.NextAsync<CheckInStarted>();
        await flow.Reader.NextAsync<ShowMethodChoice>();
        flow.Reader.Push(new StaffActed(StaffAction.SwitchToVisualCheck));
        await flow.NextAsync<CheckInMethodChosen>();
        await flow.NextAsync<CardFaceNumberResult>();
        await flow.NextAsync<VisualCheckNeeded>();
        flow.Reader.Push(new StaffActed(StaffAction.ConfirmIdentity));
        await flow.Reader.NextAsync<ReturnToAutomaticMode>();
        await flow.AgreeToConsentsAsync();

        Assert.Equal(CheckInMethod.VisualCheck, (await flow.NextAsync<CheckInCompleted>()).Result.Method);
    }

    [Fact]
    public async Task Rejected_by_staff_the_check_in_fails_and_the_reader_returns_to_automatic_mode_and_idle()
    {
        await using var flow = new FlowHarness();
        await SwitchedWithPhotoAsync(flow);
        flow.Flow.Post(new RejectIdentity());

        var failed = await flow.NextAsync<CheckInFailed>();
        Assert.Equal((CheckInFailureReason.IdentityRejected, CheckInState.StaffVisualCheck), (failed.Reason, failed.State));
        await flow.Reader.NextAsync<ReturnToAutomaticMode>();
        Assert.Equal(new ShowResult(false, ReaderMessage.CallStaff), await flow.ReaderEndsAsync());
        Assert.True(flow.Card.PhotosGiven.Single().IsDisposed);
    }

    [Fact]
    public async Task A_switch_during_face_capture_reuses_the_photo_already_read()
    {
        await using var flow = new FlowHarness();
        await CheckInFaceTests.FaceChosenWithNumberAsync(flow, FlowHarness.Secret("9001013012345"));
        await flow.NextAsync<CardFaceNumberResult>();
        await flow.Reader.NextAsync<StartFaceCapture>();
        flow.Flow.Post(new SwitchToVisualCheck());

        await flow.Reader.NextAsync<EnterVisualCheckMode>();
        await flow.NextAsync<CheckInMethodChosen>();
        await flow.NextAsync<VisualCheckNeeded>();
        Assert.Single(flow.Card.NumbersGiven);
    }

    [Fact]
    public async Task A_switch_during_PIN_entry_goes_to_the_visual_check_and_a_PIN_typed_after_is_wiped_unused()
    {
        await using var flow = new FlowHarness();
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        await flow.NextAsync<CheckInMethodChosen>();
        flow.Flow.Post(new SwitchToVisualCheck());
        await flow.Reader.NextAsync<EnterVisualCheckMode>();
        await flow.NextAsync<CheckInMethodChosen>();
        var late = FlowHarness.Secret("1234");
        flow.Reader.Push(new PinEntered(late));

        // From the same source as the PIN, so it comes after it.
        flow.Reader.Push(new CardFaceNumberRead(FlowHarness.Secret("9001013012345")));
        await flow.NextAsync<CardFaceNumberNeeded>();
        await flow.NextAsync<CardFaceNumberResult>();
        await flow.NextAsync<VisualCheckNeeded>();

        Assert.True(FakeCheckInCard.IsWiped(late));
        Assert.Empty(flow.Card.PinsGiven);
    }

    [Fact]
    public async Task Confirm_or_reject_outside_a_visual_check_is_ignored()
    {
        await using var flow = new FlowHarness();
        await flow.PlaceCardAsync();
        flow.Flow.Post(new ConfirmIdentity());
        flow.Flow.Post(new RejectIdentity());
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        await flow.NextAsync<CheckInMethodChosen>();
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));

        Assert.True((await flow.NextAsync<PinResult>()).Passed);
    }

    [Fact]
    public async Task With_no_method_left_staff_are_called_and_their_switch_goes_on()
    {
        await using var flow = new FlowHarness(reader: new ScriptedFaceReader(FaceReaderCapabilities.PinPad));
        flow.Card.AuthPinStatus = new PinStatus(0, 3);
        await flow.StartedAsync();
        flow.Reader.Push(new CardPlaced());
        await flow.NextAsync<CheckInStarted>();

        Assert.Equal(new ShowMessage(ReaderMessage.CallStaff), await flow.Reader.NextAsync<ShowMessage>());
        flow.Flow.Post(new SwitchToVisualCheck());
        await flow.Reader.NextAsync<EnterVisualCheckMode>();
        Assert.DoesNotContain(flow.Reader.Sent, command => command is ShowMethodChoice);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_a_readable_photo_the_visual_check_fails(bool blocked)
    {
        await using var flow = new FlowHarness();
        flow.Card.PhotoAnswers.Enqueue(blocked ? new PinBlockedException("blocked") : new LastTryRefusedException(1, "last"));
        await flow.PlaceCardAsync();
        flow.Flow.Post(new EnterCardFaceNumber(FlowHarness.Secret("9001013012345")));
        flow.Flow.Post(new SwitchToVisualCheck());
        await flow.NextAsync<CheckInMethodChosen>();
        await flow.NextAsync<CardFaceNumberResult>();

        var failed = await flow.NextAsync<CheckInFailed>();
        Assert.Equal(CheckInFailureReason.CardFacePhotoUnavailable, failed.Reason);
        await flow.Reader.NextAsync<ReturnToAutomaticMode>();
        await flow.ReaderEndsAsync();
    }

    [Fact]
    public async Task A_switch_after_the_patient_passed_is_ignored()
    {
        await using var flow = new FlowHarness();
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        await flow.NextAsync<CheckInMethodChosen>();
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
        await flow.NextAsync<PinResult>();
        await flow.Reader.NextAsync<ShowConsent>();
        flow.Flow.Post(new SwitchToVisualCheck());
        flow.Reader.Push(new ConsentAnswered(ConsentTopic.Medication, ConsentAnswer.Declined));
        Assert.Equal(ConsentAnswer.Declined, (await flow.NextAsync<ConsentRecorded>()).Consent.Answer);
        await flow.AgreeToConsentsAsync([ConsentTopic.HighCostLimit]);

        await flow.NextAsync<CheckInCompleted>();
        Assert.DoesNotContain(flow.Reader.Sent, command => command is EnterVisualCheckMode);
    }

    internal static async Task SwitchedWithPhotoAsync(FlowHarness flow)
    {
        await flow.PlaceCardAsync();
        flow.Flow.Post(new EnterCardFaceNumber(FlowHarness.Secret("9001013012345")));
        flow.Flow.Post(new SwitchToVisualCheck());
        await flow.Reader.NextAsync<EnterVisualCheckMode>();
        await flow.NextAsync<CheckInMethodChosen>();
        await flow.NextAsync<CardFaceNumberResult>();
        await flow.NextAsync<VisualCheckNeeded>();
    }
}
