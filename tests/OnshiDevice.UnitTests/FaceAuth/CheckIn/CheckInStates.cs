using OnshiDevice.Cards;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

/// <summary>Brings a check-in to each state and says what the end there must look like.</summary>
internal static class CheckInStates
{
    public static readonly CheckInState[] Waits =
    [
        CheckInState.MethodChoice,
        CheckInState.PinEntry,
        CheckInState.CardFaceNumberEntry,
        CheckInState.FaceCapture,
        CheckInState.StaffVisualCheck,
        CheckInState.AwaitingStaff,
        CheckInState.Consent,
    ];

    public static readonly CheckInState[] CardCalls =
    [
        CheckInState.IdentifyingCard,
        CheckInState.ReadingPinStatus,
        CheckInState.VerifyingPin,
        CheckInState.ReadingCardFacePhoto,
        CheckInState.ReadingCertificate,
    ];

    public static string CardOperation(CheckInState state) => state switch
    {
        CheckInState.IdentifyingCard => FakeCheckInCard.Identify,
        CheckInState.ReadingPinStatus => FakeCheckInCard.PinStatusCall,
        CheckInState.VerifyingPin => FakeCheckInCard.VerifyPin,
        CheckInState.ReadingCardFacePhoto => FakeCheckInCard.ReadPhoto,
        CheckInState.ReadingCertificate => FakeCheckInCard.ReadCertificate,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a card call."),
    };

    /// <summary>A reader for the state: the one for "no method left" has no liveness (so no face) and the card no PIN.</summary>
    public static FlowHarness HarnessFor(CheckInState state, CheckInOptions? options = null)
    {
        if (state == CheckInState.AwaitingStaff)
        {
            var harness = new FlowHarness(options, reader: new ScriptedFaceReader(FaceReaderCapabilities.PinPad));
            harness.Card.AuthPinStatus = new PinStatus(0, 3);
            return harness;
        }

        return new FlowHarness(options);
    }

    /// <summary>Drives the flow until it waits in <paramref name="state"/> (or, for a card call, until that call started).</summary>
    public static async Task EnterAsync(FlowHarness flow, CheckInState state)
    {
        switch (state)
        {
            case CheckInState.IdentifyingCard or CheckInState.ReadingPinStatus:
                await flow.StartedAsync();
                flow.Reader.Push(new CardPlaced());
                await flow.Card.StartedAsync(CardOperation(state));
                break;
            case CheckInState.MethodChoice:
                await flow.PlaceCardAsync();
                break;
            case CheckInState.PinEntry:
                await flow.PlaceCardAsync();
                flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
                await flow.NextAsync<CheckInMethodChosen>();
                break;
            case CheckInState.VerifyingPin:
                await flow.PlaceCardAsync();
                flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
                flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
                await flow.Card.StartedAsync(FakeCheckInCard.VerifyPin);
                break;
            case CheckInState.CardFaceNumberEntry:
                await flow.PlaceCardAsync();
                flow.Reader.Push(new MethodChosen(CheckInMethod.Face));
                await flow.NextAsync<CheckInMethodChosen>();
                await flow.NextAsync<CardFaceNumberNeeded>();
                await flow.Reader.NextAsync<ShowMessage>();
                break;
            case CheckInState.ReadingCardFacePhoto:
                await CheckInFaceTests.FaceChosenWithNumberAsync(flow, FlowHarness.Secret("9001013012345"));
                await flow.Card.StartedAsync(FakeCheckInCard.ReadPhoto);
                break;
            case CheckInState.FaceCapture:
                await CheckInFaceTests.FaceChosenWithNumberAsync(flow, FlowHarness.Secret("9001013012345"));
                await flow.NextAsync<CardFaceNumberResult>();
                await flow.Reader.NextAsync<StartFaceCapture>();
                break;
            case CheckInState.StaffVisualCheck:
                await CheckInVisualCheckTests.SwitchedWithPhotoAsync(flow);
                break;
            case CheckInState.AwaitingStaff:
                await flow.StartedAsync();
                flow.Reader.Push(new CardPlaced());
                await flow.NextAsync<CheckInStarted>();
                Assert.Equal(new ShowMessage(ReaderMessage.CallStaff), await flow.Reader.NextAsync<ShowMessage>());
                break;
            case CheckInState.Consent:
                await flow.PlaceCardAsync();
                flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
                flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
                await flow.Reader.NextAsync<ShowConsent>();
                break;
            case CheckInState.ReadingCertificate:
                await flow.PlaceCardAsync();
                flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
                flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
                await flow.AgreeToConsentsIgnoringEventsAsync();
                await flow.Card.StartedAsync(FakeCheckInCard.ReadCertificate);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "No way to this state.");
        }
    }

    /// <summary>The next end event, skipping the events of the way there.</summary>
    public static async Task<CheckInEvent> EndAsync(FlowHarness flow)
    {
        while (true)
        {
            var next = await flow.NextAsync<CheckInEvent>();
            if (next is CheckInCompleted or CheckInFailed or CheckInCancelled)
            {
                return next;
            }
        }
    }

    /// <summary>
    /// What every end must leave: each secret handed to the card wiped, each photo wiped, the camera stopped if it ran,
    /// automatic mode back after a visual check, a result screen, the idle screen; and the next card starts afresh.
    /// </summary>
    public static async Task AssertEndedCleanlyAsync(FlowHarness flow, CheckInState state, ReaderMessage message)
    {
        var result = await flow.ReaderEndsAsync();
        Assert.Equal(new ShowResult(false, message), result);
        Assert.All(flow.Card.PinsGiven, pin => Assert.True(FakeCheckInCard.IsWiped(pin)));
        Assert.All(flow.Card.NumbersGiven, number => Assert.True(FakeCheckInCard.IsWiped(number)));
        Assert.All(flow.Card.PhotosGiven, photo => Assert.True(photo.IsDisposed));
        var sent = flow.Reader.Sent.ToList();
        var resultAt = sent.IndexOf(result);
        Assert.Equal(state == CheckInState.FaceCapture, sent.Take(resultAt).Skip(Math.Max(0, resultAt - 2)).Any(command => command is CancelOperation));
        if (state == CheckInState.StaffVisualCheck)
        {
            Assert.IsType<ReturnToAutomaticMode>(sent[resultAt - 1]);
        }

        flow.Card.Hangs.Clear();
        flow.Card.Throws.Clear();
        flow.Reader.Push(new CardPlaced());
        await flow.NextAsync<CheckInStarted>();
    }
}
