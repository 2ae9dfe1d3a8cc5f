using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInFaceTests
{
    [Fact]
    public async Task A_face_check_in_with_the_OCR_number_completes_with_the_card_face_proof_and_wipes_number_and_photo()
    {
        await using var flow = new FlowHarness();
        await flow.StartedAsync();
        flow.Reader.Push(new CardPlaced());
        var number = FlowHarness.Secret("9001013012345");
        flow.Reader.Push(new CardFaceNumberRead(number));
        await flow.NextAsync<CheckInStarted>();
        await flow.Reader.NextAsync<ShowMethodChoice>();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await flow.NextAsync<CheckInMethodChosen>();

        var numberResult = await flow.NextAsync<CardFaceNumberResult>();
        var capture = await flow.Reader.NextAsync<StartFaceCapture>();
        Assert.Equal(FakeCheckInCard.Photo, capture.ReferencePhoto.ToArray());
        flow.Reader.Push(new FaceCaptured(FaceCaptureOutcome.Compared, 0.93, Live: true));
        var face = await flow.NextAsync<FaceResult>();
        await flow.AgreeToConsentsAsync();
        var completed = await flow.NextAsync<CheckInCompleted>();

        Assert.True(numberResult.Passed);
        Assert.Equal((0.93, true, true, 0), (face.Score, face.Live, face.Passed, face.ConsecutiveFailures));
        Assert.Equal(CheckInMethod.Face, completed.Result.Method);
        Assert.Equal(ChipKey.CardFaceApplication, completed.Result.ChipPresence.Key);
        Assert.Equal(["9001013012345"], flow.Card.NumberValues);
        Assert.Equal([LastTryPolicy.Refuse], flow.Card.NumberPolicies);
        Assert.True(FakeCheckInCard.IsWiped(number));
        Assert.True(flow.Card.PhotosGiven.Single().IsDisposed);
        Assert.Equal(new ShowResult(true, ReaderMessage.CheckInComplete), await flow.ReaderEndsAsync());
    }

    [Fact]
    public async Task Without_OCR_staff_are_asked_for_the_number_and_their_entry_reads_the_photo()
    {
        await using var flow = new FlowHarness(reader: new ScriptedFaceReader(FaceReaderCapabilities.PinPad | FaceReaderCapabilities.Liveness));
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await flow.NextAsync<CheckInMethodChosen>();

        Assert.False((await flow.NextAsync<CardFaceNumberNeeded>()).ReaderCanReadIt);
        Assert.Equal(new ShowMessage(ReaderMessage.CallStaff), await flow.Reader.NextAsync<ShowMessage>());
        var typed = FlowHarness.Secret("9001013012345");
        Assert.True(flow.Flow.Post(new EnterCardFaceNumber(typed)));
        Assert.True((await flow.NextAsync<CardFaceNumberResult>()).Passed);
        await flow.Reader.NextAsync<StartFaceCapture>();
        Assert.True(FakeCheckInCard.IsWiped(typed));
    }

    [Fact]
    public async Task With_OCR_the_flow_waits_for_the_reader_to_read_the_number()
    {
        await using var flow = new FlowHarness();
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await flow.NextAsync<CheckInMethodChosen>();

        Assert.True((await flow.NextAsync<CardFaceNumberNeeded>()).ReaderCanReadIt);
        Assert.Equal(new ShowMessage(ReaderMessage.PleaseWait), await flow.Reader.NextAsync<ShowMessage>());
        flow.Reader.Push(new CardFaceNumberRead(FlowHarness.Secret("9001013012345")));
        await flow.NextAsync<CardFaceNumberResult>();
        await flow.Reader.NextAsync<StartFaceCapture>();
    }

    [Fact]
    public async Task A_newer_number_replaces_an_older_one_which_is_wiped()
    {
        await using var flow = new FlowHarness();
        await flow.StartedAsync();
        flow.Reader.Push(new CardPlaced());
        await flow.NextAsync<CheckInStarted>();
        await flow.Reader.NextAsync<ShowMethodChoice>();

        // Both from staff, so their order is fixed.
        var misread = FlowHarness.Secret("0000000000000");
        flow.Flow.Post(new EnterCardFaceNumber(misread));
        flow.Flow.Post(new EnterCardFaceNumber(FlowHarness.Secret("9001013012345")));
        flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await flow.NextAsync<CheckInMethodChosen>();
        await flow.NextAsync<CardFaceNumberResult>();

        Assert.Equal(["9001013012345"], flow.Card.NumberValues);
        Assert.True(FakeCheckInCard.IsWiped(misread));
    }

    public static TheoryData<FaceCaptureOutcome, double, bool> FaceFailures => new()
    {
        { FaceCaptureOutcome.Compared, 0.79, true },
        { FaceCaptureOutcome.Compared, 0.95, false },
        { FaceCaptureOutcome.Compared, double.NaN, true },
        { FaceCaptureOutcome.NoFace, 0.99, true },
        { FaceCaptureOutcome.MultipleFaces, 0.99, true },
    };

    [Theory]
    [MemberData(nameof(FaceFailures))]
    public async Task A_face_failure_shows_the_method_choice_again_and_counts_toward_the_lockout(FaceCaptureOutcome outcome, double score, bool live)
    {
        await using var flow = new FlowHarness();
        await FaceAttemptAsync(flow, new FaceCaptured(outcome, score, live), firstNumber: "9001013012345");

        var face = await flow.NextAsync<FaceResult>();
        Assert.False(face.Passed);
        Assert.Equal(1, face.ConsecutiveFailures);
        Assert.Equal(new ShowMessage(ReaderMessage.FaceNotRecognised), await flow.Reader.NextAsync<ShowMessage>());
        Assert.Equal(new ShowMethodChoice(true, true, 3), await flow.Reader.NextAsync<ShowMethodChoice>());
    }

    [Fact]
    public async Task A_score_at_the_threshold_passes()
    {
        await using var flow = new FlowHarness();
        await FaceAttemptAsync(flow, new FaceCaptured(FaceCaptureOutcome.Compared, 0.8, true), firstNumber: "9001013012345");

        Assert.True((await flow.NextAsync<FaceResult>()).Passed);
    }

    [Fact]
    public async Task Without_required_liveness_a_face_that_is_not_live_passes()
    {
        await using var flow = new FlowHarness(FlowHarness.Options with { RequireLiveness = false });
        await FaceAttemptAsync(flow, new FaceCaptured(FaceCaptureOutcome.Compared, 0.9, false), firstNumber: "9001013012345");

        Assert.True((await flow.NextAsync<FaceResult>()).Passed);
    }

    [Fact]
    public async Task A_reader_without_liveness_is_offered_no_face_while_liveness_is_required()
    {
        await using var flow = new FlowHarness(reader: new ScriptedFaceReader(FaceReaderCapabilities.PinPad));

        Assert.Equal(new ShowMethodChoice(false, true, 3), await flow.PlaceCardAsync());
    }

    [Fact]
    public async Task A_second_face_try_uses_the_photo_already_read_and_then_the_PIN_may_pass()
    {
        await using var flow = new FlowHarness();
        await FaceAttemptAsync(flow, new FaceCaptured(FaceCaptureOutcome.NoFace, 0, false), firstNumber: "9001013012345");
        await flow.NextAsync<FaceResult>();
        await flow.Reader.NextAsync<ShowMethodChoice>();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await flow.NextAsync<CheckInMethodChosen>();
        await flow.Reader.NextAsync<StartFaceCapture>();
        flow.Reader.Push(new FaceCaptured(FaceCaptureOutcome.Compared, 0.1, true));
        Assert.Equal(2, (await flow.NextAsync<FaceResult>()).ConsecutiveFailures);
        await flow.Reader.NextAsync<ShowMethodChoice>();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        await flow.NextAsync<CheckInMethodChosen>();
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
        await flow.NextAsync<PinResult>();
        await flow.AgreeToConsentsAsync();
        var completed = await flow.NextAsync<CheckInCompleted>();

        Assert.Equal(CheckInMethod.Pin, completed.Result.Method);
        Assert.Single(flow.Card.NumbersGiven);
        Assert.True(flow.Card.PhotosGiven.Single().IsDisposed);
    }

    [Fact]
    public async Task After_the_configured_failures_in_a_row_face_is_no_longer_offered_for_that_card_in_this_process()
    {
        var lockout = new FaceAuthLockout();
        var options = FlowHarness.Options with { FaceLockoutAfterFailures = 2 };
        await using (var flow = new FlowHarness(options, lockout: lockout))
        {
            await FaceAttemptAsync(flow, new FaceCaptured(FaceCaptureOutcome.Compared, 0.2, true), firstNumber: "9001013012345");
            await flow.NextAsync<FaceResult>();
            Assert.Equal(new ShowMethodChoice(true, true, 3), await flow.Reader.NextAsync<ShowMethodChoice>());
            flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
            await flow.NextAsync<CheckInMethodChosen>();
            await flow.Reader.NextAsync<StartFaceCapture>();
            flow.Reader.Push(new FaceCaptured(FaceCaptureOutcome.Compared, 0.2, true));
            Assert.Equal(2, (await flow.NextAsync<FaceResult>()).ConsecutiveFailures);

            Assert.Equal(new ShowMethodChoice(false, true, 3), await flow.Reader.NextAsync<ShowMethodChoice>());
            flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
            flow.Reader.Push(new CardRemoved());
            Assert.Equal(CheckInFailureReason.CardRemoved, (await flow.NextAsync<CheckInFailed>()).Reason);
        }

        // The same card on another reader: once its number is known, face is no longer offered and nothing is verified.
        await using (var other = new FlowHarness(options, lockout: lockout))
        {
            Assert.Equal(new ShowMethodChoice(true, true, 3), await other.PlaceCardAsync());
            other.Reader.Push(new MethodChosen(CheckInMethod.Face));
            await other.NextAsync<CheckInMethodChosen>();
            await other.NextAsync<CardFaceNumberNeeded>();
            other.Reader.Push(new CardFaceNumberRead(FlowHarness.Secret("9001013012345")));
            Assert.Equal(new ShowMethodChoice(false, true, 3), await other.Reader.NextAsync<ShowMethodChoice>());
            Assert.Empty(other.Card.NumbersGiven);
        }

        // Another card is not locked out.
        await using var third = new FlowHarness(options, lockout: lockout);
        await third.PlaceCardAsync();
        third.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await third.NextAsync<CheckInMethodChosen>();
        await third.NextAsync<CardFaceNumberNeeded>();
        third.Reader.Push(new CardFaceNumberRead(FlowHarness.Secret("8001013099999")));
        Assert.True((await third.NextAsync<CardFaceNumberResult>()).Passed);
        await third.Reader.NextAsync<StartFaceCapture>();
    }

    [Fact]
    public async Task A_number_the_reader_read_early_stops_face_being_offered_to_a_locked_out_card()
    {
        var lockout = new FaceAuthLockout();
        var options = FlowHarness.Options with { FaceLockoutAfterFailures = 1 };
        await using (var flow = new FlowHarness(options, lockout: lockout))
        {
            await FaceAttemptAsync(flow, new FaceCaptured(FaceCaptureOutcome.Compared, 0.2, true), firstNumber: "9001013012345");
            await flow.NextAsync<FaceResult>();
            await flow.Reader.NextAsync<ShowMethodChoice>();
        }

        await using var again = new FlowHarness(options, lockout: lockout);
        again.Card.PinAnswers.Enqueue(new PinIncorrectException(2, "wrong"));
        await again.PlaceCardAsync();
        again.Reader.Push(new CardFaceNumberRead(FlowHarness.Secret("9001013012345")));
        again.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        again.Reader.Push(new PinEntered(FlowHarness.Secret("1111")));

        Assert.Equal(new ShowMethodChoice(false, true, 2), await again.Reader.NextAsync<ShowMethodChoice>());
    }

    [Fact]
    public async Task A_locked_out_card_whose_number_comes_late_is_sent_back_to_the_method_choice_without_face_and_no_VERIFY()
    {
        var lockout = new FaceAuthLockout();
        var options = FlowHarness.Options with { FaceLockoutAfterFailures = 1 };
        await using (var flow = new FlowHarness(options, lockout: lockout))
        {
            await FaceAttemptAsync(flow, new FaceCaptured(FaceCaptureOutcome.Compared, 0.2, true), firstNumber: "9001013012345");
            await flow.NextAsync<FaceResult>();
            await flow.Reader.NextAsync<ShowMethodChoice>();
        }

        await using var again = new FlowHarness(options, lockout: lockout);
        Assert.Equal(new ShowMethodChoice(true, true, 3), await again.PlaceCardAsync());
        again.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await again.NextAsync<CheckInMethodChosen>();
        await again.NextAsync<CardFaceNumberNeeded>();
        again.Reader.Push(new CardFaceNumberRead(FlowHarness.Secret("9001013012345")));

        Assert.Equal(new ShowMethodChoice(false, true, 3), await again.Reader.NextAsync<ShowMethodChoice>());
        Assert.Empty(again.Card.NumbersGiven);
    }

    [Fact]
    public async Task A_pass_ends_the_run_of_failures()
    {
        var lockout = new FaceAuthLockout();
        var options = FlowHarness.Options with { FaceLockoutAfterFailures = 2 };
        await using (var flow = new FlowHarness(options, lockout: lockout))
        {
            await FaceAttemptAsync(flow, new FaceCaptured(FaceCaptureOutcome.Compared, 0.2, true), firstNumber: "9001013012345");
            Assert.Equal(1, (await flow.NextAsync<FaceResult>()).ConsecutiveFailures);
            await flow.Reader.NextAsync<ShowMethodChoice>();
            flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
            await flow.NextAsync<CheckInMethodChosen>();
            await flow.Reader.NextAsync<StartFaceCapture>();
            flow.Reader.Push(new FaceCaptured(FaceCaptureOutcome.Compared, 0.9, true));
            Assert.True((await flow.NextAsync<FaceResult>()).Passed);
        }

        await using var again = new FlowHarness(options, lockout: lockout);
        await FaceAttemptAsync(again, new FaceCaptured(FaceCaptureOutcome.Compared, 0.2, true), firstNumber: "9001013012345");
        Assert.Equal(1, (await again.NextAsync<FaceResult>()).ConsecutiveFailures);
        Assert.Equal(new ShowMethodChoice(true, true, 3), await again.Reader.NextAsync<ShowMethodChoice>());
    }

    [Fact]
    public async Task A_wrong_number_is_reported_with_its_tries_and_staff_are_asked_for_it()
    {
        await using var flow = new FlowHarness();
        flow.Card.PhotoAnswers.Enqueue(new PinIncorrectException(9, "wrong"));
        var wrong = FlowHarness.Secret("0000000000000");
        await FaceChosenWithNumberAsync(flow, wrong);

        var result = await flow.NextAsync<CardFaceNumberResult>();
        Assert.Equal((SecretCheckOutcome.Incorrect, (int?)9), (result.Outcome, result.TriesLeft));
        Assert.False((await flow.NextAsync<CardFaceNumberNeeded>()).ReaderCanReadIt);
        Assert.True(FakeCheckInCard.IsWiped(wrong));
        flow.Flow.Post(new EnterCardFaceNumber(FlowHarness.Secret("9001013012345")));
        Assert.True((await flow.NextAsync<CardFaceNumberResult>()).Passed);
        await flow.Reader.NextAsync<StartFaceCapture>();
        Assert.Equal(["0000000000000", "9001013012345"], flow.Card.NumberValues);
    }

    [Fact]
    public async Task After_a_wrong_number_from_a_card_that_does_not_tell_its_tries_staff_are_asked_too()
    {
        await using var flow = new FlowHarness();
        flow.Card.PhotoAnswers.Enqueue(new PinIncorrectException(null, "wrong"));
        await FaceChosenWithNumberAsync(flow, FlowHarness.Secret("0000000000000"));

        var result = await flow.NextAsync<CardFaceNumberResult>();
        Assert.Equal((SecretCheckOutcome.Incorrect, (int?)null), (result.Outcome, result.TriesLeft));
        Assert.False((await flow.NextAsync<CardFaceNumberNeeded>()).ReaderCanReadIt);
        Assert.Equal(new ShowMessage(ReaderMessage.CallStaff), await flow.Reader.NextAsync<ShowMessage>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_number_blocked_or_at_its_last_try_leaves_no_face_for_this_check_in(bool blocked)
    {
        await using var flow = new FlowHarness();
        flow.Card.PhotoAnswers.Enqueue(blocked ? new PinBlockedException("blocked") : new LastTryRefusedException(1, "last"));
        await FaceChosenWithNumberAsync(flow, FlowHarness.Secret("9001013012345"));

        var result = await flow.NextAsync<CardFaceNumberResult>();
        Assert.Equal(blocked ? SecretCheckOutcome.Blocked : SecretCheckOutcome.LastTryRefused, result.Outcome);
        Assert.Equal(new ShowMethodChoice(false, true, 3), await flow.Reader.NextAsync<ShowMethodChoice>());
    }

    [Fact]
    public async Task The_options_may_let_the_number_spend_its_last_try()
    {
        await using var flow = new FlowHarness(new CheckInOptions { CardFaceNumberLastTry = LastTryPolicy.Allow, ConsentTopics = [] });
        await FaceChosenWithNumberAsync(flow, FlowHarness.Secret("9001013012345"));
        await flow.NextAsync<CardFaceNumberResult>();

        Assert.Equal([LastTryPolicy.Allow], flow.Card.NumberPolicies);
    }

    [Fact]
    public async Task A_face_result_outside_face_capture_is_ignored()
    {
        await using var flow = new FlowHarness();
        await flow.PlaceCardAsync();
        flow.Reader.Push(new FaceCaptured(FaceCaptureOutcome.Compared, 1, true));
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));

        await flow.NextAsync<CheckInMethodChosen>();
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
        Assert.True((await flow.NextAsync<PinResult>()).Passed);
    }

    /// <summary>Places a card, hands over a number, chooses face and waits for the camera, then answers it.</summary>
    internal static async Task FaceAttemptAsync(FlowHarness flow, FaceCaptured answer, string firstNumber)
    {
        await FaceChosenWithNumberAsync(flow, FlowHarness.Secret(firstNumber));
        await flow.NextAsync<CardFaceNumberResult>();
        await flow.Reader.NextAsync<StartFaceCapture>();
        flow.Reader.Push(answer);
    }

    internal static async Task FaceChosenWithNumberAsync(FlowHarness flow, OnshiDevice.Cards.Pins.SecretEntry number)
    {
        await flow.StartedAsync();
        flow.Reader.Push(new CardPlaced());
        flow.Reader.Push(new CardFaceNumberRead(number));
        await flow.NextAsync<CheckInStarted>();
        await flow.Reader.NextAsync<ShowMethodChoice>();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
        await flow.NextAsync<CheckInMethodChosen>();
    }
}
