using OnshiDevice.Cards.Errors;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInEndTests
{
    public enum Interruption
    {
        CardRemoved,
        LinkLost,
        ReaderFault,
        PatientCancel,
        StaffCancel,
    }

    public static TheoryData<CheckInState, Interruption> EveryStateAndInterruption()
    {
        var data = new TheoryData<CheckInState, Interruption>();
        foreach (var state in CheckInStates.Waits.Concat(CheckInStates.CardCalls))
        {
            foreach (var interruption in Enum.GetValues<Interruption>())
            {
                data.Add(state, interruption);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndInterruption))]
    public async Task An_interruption_in_any_state_ends_the_check_in_with_its_reason_wipes_the_secrets_and_leaves_the_reader_idle(CheckInState state, Interruption interruption)
    {
        await using var flow = CheckInStates.HarnessFor(state);
        var cardCall = CheckInStates.CardCalls.Contains(state);
        if (cardCall)
        {
            flow.Card.Hangs.Add(CheckInStates.CardOperation(state));
        }

        await CheckInStates.EnterAsync(flow, state);

        // A number kept for later must be wiped by the end; where the state waits for one, it comes after the end (and is dropped while idle).
        var kept = FlowHarness.Secret("9001013012345");
        var keptAfter = state == CheckInState.CardFaceNumberEntry;
        if (!keptAfter)
        {
            flow.Flow.Post(new EnterCardFaceNumber(kept));
        }

        Interrupt(flow, interruption);
        var end = await CheckInStates.EndAsync(flow);
        if (keptAfter)
        {
            flow.Flow.Post(new EnterCardFaceNumber(kept));
        }

        switch (interruption)
        {
            case Interruption.PatientCancel or Interruption.StaffCancel:
                var cancelled = Assert.IsType<CheckInCancelled>(end);
                Assert.Equal(interruption == Interruption.PatientCancel ? CheckInCancelledBy.Patient : CheckInCancelledBy.Staff, cancelled.By);
                Assert.Equal(state, cancelled.State);
                break;
            default:
                var failed = Assert.IsType<CheckInFailed>(end);
                Assert.Equal(
                    interruption switch
                    {
                        Interruption.CardRemoved => CheckInFailureReason.CardRemoved,
                        Interruption.LinkLost => CheckInFailureReason.ReaderLinkLost,
                        _ => CheckInFailureReason.ReaderFault,
                    },
                    failed.Reason);
                Assert.Equal(state, failed.State);
                break;
        }

        Assert.Equal(cardCall ? 1 : 0, flow.Card.CancelledCalls);
        var message = interruption switch
        {
            Interruption.CardRemoved => ReaderMessage.CardRemoved,
            Interruption.PatientCancel or Interruption.StaffCancel => ReaderMessage.CheckInCancelled,
            _ => ReaderMessage.CallStaff,
        };
        await CheckInStates.AssertEndedCleanlyAsync(flow, state, message);
        Assert.True(FakeCheckInCard.IsWiped(kept));
    }

    public static TheoryData<CheckInState, int> EveryWaitAndItsTimeout() => new()
    {
        { CheckInState.MethodChoice, 61 },
        { CheckInState.PinEntry, 62 },
        { CheckInState.CardFaceNumberEntry, 121 },
        { CheckInState.FaceCapture, 31 },
        { CheckInState.StaffVisualCheck, 301 },
        { CheckInState.AwaitingStaff, 301 },
        { CheckInState.Consent, 63 },
    };

    [Theory]
    [MemberData(nameof(EveryWaitAndItsTimeout))]
    public async Task Every_wait_ends_the_check_in_at_its_timeout(CheckInState state, int seconds)
    {
        await using var flow = CheckInStates.HarnessFor(state);
        await CheckInStates.EnterAsync(flow, state);
        var timeout = TimeSpan.FromSeconds(seconds);
        await flow.Time.ArmedAsync(timeout);
        var armedAt = flow.Time.GetUtcNow();
        flow.Time.Advance(timeout - TimeSpan.FromSeconds(1));
        flow.Time.Advance(TimeSpan.FromSeconds(1));

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInFailureReason.Timeout, state), (failed.Reason, failed.State));
        Assert.Equal(armedAt + timeout, failed.At);
        await CheckInStates.AssertEndedCleanlyAsync(flow, state, ReaderMessage.CallStaff);
    }

    [Fact]
    public async Task Inputs_the_state_ignores_do_not_extend_its_timeout()
    {
        await using var flow = new FlowHarness();
        await flow.PlaceCardAsync();
        await flow.Time.ArmedAsync(TimeSpan.FromSeconds(61));
        flow.Time.Advance(TimeSpan.FromSeconds(40));
        flow.Reader.Push(new ConsentAnswered(ConsentTopic.Medication, ConsentAnswer.Agreed));
        await flow.Time.PassAsync(TimeSpan.FromSeconds(21));

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInFailureReason.Timeout, CheckInState.MethodChoice), (failed.Reason, failed.State));
    }

    [Theory]
    [MemberData(nameof(CardCallStates))]
    public async Task A_card_call_that_overruns_its_deadline_ends_the_check_in(CheckInState state)
    {
        await using var flow = CheckInStates.HarnessFor(state);
        flow.Card.Hangs.Add(CheckInStates.CardOperation(state));
        await CheckInStates.EnterAsync(flow, state);
        await flow.Time.PassAsync(FlowHarness.Options.CardCallDeadline);

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInFailureReason.CardNotAnswering, state), (failed.Reason, failed.State));
        await CheckInStates.AssertEndedCleanlyAsync(flow, state, ReaderMessage.CardNotReadable);
    }

    public static TheoryData<CheckInState> CardCallStates() => new(CheckInStates.CardCalls);

    [Fact]
    public async Task A_card_call_deaf_to_its_token_still_ends_at_the_deadline_and_the_photo_it_brings_later_is_wiped()
    {
        await using var flow = new FlowHarness();
        flow.Card.Hangs.Add(FakeCheckInCard.ReadPhoto);
        flow.Card.HangsIgnoreCancellation = true;
        await CheckInStates.EnterAsync(flow, CheckInState.ReadingCardFacePhoto);
        await flow.Time.PassAsync(FlowHarness.Options.CardCallDeadline);

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal(CheckInFailureReason.CardNotAnswering, failed.Reason);
        await flow.ReaderEndsAsync();
        flow.Card.Release.SetResult();
        using var bound = new CancellationTokenSource(TestBounds.Wait);
        while (flow.Card.PhotosGiven.Count == 0 || !flow.Card.PhotosGiven[0].IsDisposed)
        {
            await Task.Delay(10, bound.Token);
        }
    }

    public static TheoryData<string, Exception, CheckInFailureReason> CardFailures => new()
    {
        { FakeCheckInCard.Identify, new CardRemovedException("gone"), CheckInFailureReason.CardRemoved },
        { FakeCheckInCard.Identify, new InvalidOperationException("bug"), CheckInFailureReason.Unexpected },
        { FakeCheckInCard.PinStatusCall, new CardProtocolException("bad answer"), CheckInFailureReason.CardError },
        { FakeCheckInCard.VerifyPin, new PcscCommunicationException("line"), CheckInFailureReason.CardError },
        { FakeCheckInCard.VerifyPin, new CardRemovedException("gone"), CheckInFailureReason.CardRemoved },
        { FakeCheckInCard.ReadPhoto, new UnsupportedCardException("no card-face AP"), CheckInFailureReason.NotAMyNumberCard },
        { FakeCheckInCard.ReadCertificate, new SecurityStatusNotSatisfiedException("6982"), CheckInFailureReason.CardError },
    };

    [Theory]
    [MemberData(nameof(CardFailures))]
    public async Task A_card_layer_exception_ends_the_check_in_with_its_mapped_reason(string operation, Exception failure, CheckInFailureReason reason)
    {
        await using var flow = new FlowHarness();
        flow.Card.Throws[operation] = failure;
        var state = CheckInStates.CardCalls.Single(candidate => CheckInStates.CardOperation(candidate) == operation);
        await CheckInStates.EnterAsync(flow, state);

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((reason, state), (failed.Reason, failed.State));
        await CheckInStates.AssertEndedCleanlyAsync(flow, state, CheckInFailures.MessageFor(reason));
    }

    [Fact]
    public async Task A_card_that_is_not_a_My_Number_card_fails_at_once()
    {
        await using var flow = new FlowHarness();
        flow.Card.IsMyNumber = false;
        await flow.StartedAsync();
        flow.Reader.Push(new CardPlaced());

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInFailureReason.NotAMyNumberCard, CheckInState.IdentifyingCard), (failed.Reason, failed.State));
        Assert.Equal([FakeCheckInCard.Identify], flow.Card.Calls);
        await CheckInStates.AssertEndedCleanlyAsync(flow, CheckInState.IdentifyingCard, ReaderMessage.NotAMyNumberCard);
    }

    [Fact]
    public async Task A_certificate_that_does_not_verify_ends_the_check_in_as_failed()
    {
        await using var flow = new FlowHarness();
        flow.Card.Certificate = FakeCheckInCard.RevokedCertificate();
        await CheckInStates.EnterAsync(flow, CheckInState.Consent);
        flow.Reader.Push(new ConsentAnswered(ConsentTopic.Medication, ConsentAnswer.Agreed));
        await flow.Reader.NextAsync<ShowConsent>();
        flow.Reader.Push(new ConsentAnswered(ConsentTopic.HighCostLimit, ConsentAnswer.Declined));

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInFailureReason.CertificateNotValid, CheckInState.ReadingCertificate), (failed.Reason, failed.State));
        await CheckInStates.AssertEndedCleanlyAsync(flow, CheckInState.ReadingCertificate, ReaderMessage.CertificateNotValid);
    }

    [Fact]
    public async Task A_reader_that_does_not_acknowledge_a_command_ends_the_check_in_and_the_end_commands_are_bounded_too()
    {
        var reader = new ScriptedFaceReader();
        await using var flow = new FlowHarness(reader: reader);
        await flow.StartedAsync();
        reader.Silent = command => command is ShowMethodChoice or ShowResult;
        reader.Push(new CardPlaced());
        await reader.NextAsync<ShowMethodChoice>();
        await flow.Time.PassAsync(FlowHarness.Options.ReaderCommandDeadline);
        await reader.NextAsync<ShowResult>();
        await flow.Time.PassAsync(FlowHarness.Options.ReaderCommandDeadline);

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInFailureReason.ReaderNotAnswering, CheckInState.MethodChoice), (failed.Reason, failed.State));
        await reader.NextAsync<ShowIdle>();
    }

    [Fact]
    public async Task A_reader_without_a_link_ends_the_check_in_at_its_first_command_and_the_loop_goes_on()
    {
        var reader = new ScriptedFaceReader();
        await using var flow = new FlowHarness(reader: reader);
        await flow.StartedAsync();
        reader.Disconnected = true;
        reader.Push(new CardPlaced());

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInFailureReason.ReaderLinkLost, CheckInState.MethodChoice), (failed.Reason, failed.State));
        await reader.NextAsync<ShowIdle>();
        reader.Disconnected = false;
        reader.Push(new CardPlaced());
        await flow.NextAsync<CheckInStarted>();
        await reader.NextAsync<ShowMethodChoice>();
    }

    [Fact]
    public async Task The_service_stopping_cancels_the_check_in_wipes_its_secrets_idles_the_reader_and_completes_the_events()
    {
        var flow = new FlowHarness();
        await CheckInStates.EnterAsync(flow, CheckInState.PinEntry);
        var kept = FlowHarness.Secret("9001013012345");
        flow.Flow.Post(new EnterCardFaceNumber(kept));
        await flow.DisposeAsync();

        var cancelled = Assert.IsType<CheckInCancelled>(await CheckInStates.EndAsync(flow));
        Assert.Equal((CheckInCancelledBy.Service, CheckInState.PinEntry), (cancelled.By, cancelled.State));
        Assert.True(FakeCheckInCard.IsWiped(kept));
        Assert.IsType<ShowIdle>(flow.Reader.Sent[^1]);
        Assert.True(flow.Flow.Events.Completion.IsCompleted);
        var late = FlowHarness.Secret("9001013012345");
        Assert.False(flow.Flow.Post(new EnterCardFaceNumber(late)));
        Assert.True(FakeCheckInCard.IsWiped(late));
    }

    [Fact]
    public async Task When_the_reader_events_end_the_check_in_fails_as_link_lost_and_the_flow_stops()
    {
        await using var flow = new FlowHarness();
        await CheckInStates.EnterAsync(flow, CheckInState.MethodChoice);
        flow.Reader.EndEvents();

        var failed = Assert.IsType<CheckInFailed>(await CheckInStates.EndAsync(flow));
        Assert.Equal(CheckInFailureReason.ReaderLinkLost, failed.Reason);
        await flow.Run.WaitAsync(TestBounds.Wait);
        await flow.Flow.Events.Completion.WaitAsync(TestBounds.Wait);
    }

    [Fact]
    public async Task The_result_screen_stays_for_its_time_before_idle()
    {
        await using var flow = new FlowHarness(FlowHarness.Options with { ResultScreenTime = TimeSpan.FromSeconds(3) });
        await CheckInStates.EnterAsync(flow, CheckInState.MethodChoice);
        flow.Flow.Post(new CancelCheckIn());
        await flow.Reader.NextAsync<ShowResult>();
        await CheckInStates.EndAsync(flow);
        await flow.Time.ArmedAsync(TimeSpan.FromSeconds(3));

        Assert.IsType<ShowResult>(flow.Reader.Sent[^1]);
        flow.Time.Advance(TimeSpan.FromSeconds(3));
        await flow.Reader.NextAsync<ShowIdle>();
    }

    [Fact]
    public async Task While_idle_everything_but_a_card_is_dropped_and_its_secrets_wiped()
    {
        await using var flow = new FlowHarness();
        await flow.StartedAsync();
        var pin = FlowHarness.Secret("1234");
        var read = FlowHarness.Secret("9001013012345");
        var typed = FlowHarness.Secret("9001013012345");
        flow.Reader.Push(new PinEntered(pin));
        flow.Reader.Push(new CardFaceNumberRead(read));
        flow.Flow.Post(new EnterCardFaceNumber(typed));
        flow.Reader.Push(new CardRemoved());
        flow.Flow.Post(new CancelCheckIn());
        flow.Reader.Push(new CardPlaced());

        await flow.NextAsync<CheckInStarted>();
        await flow.Reader.NextAsync<ShowMethodChoice>();
        Assert.True(FakeCheckInCard.IsWiped(pin));
        Assert.True(FakeCheckInCard.IsWiped(read));
        Assert.True(FakeCheckInCard.IsWiped(typed));
    }

    [Fact]
    public async Task A_second_card_placed_or_the_link_restored_during_a_check_in_is_ignored()
    {
        await using var flow = new FlowHarness();
        await CheckInStates.EnterAsync(flow, CheckInState.MethodChoice);
        flow.Reader.Push(new CardPlaced());
        flow.Reader.Push(new LinkRestored(flow.Reader.Info!));
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));

        await flow.NextAsync<CheckInMethodChosen>();
        Assert.Single(flow.Card.Calls, call => call == FakeCheckInCard.Identify);
    }

    private static void Interrupt(FlowHarness flow, Interruption interruption)
    {
        switch (interruption)
        {
            case Interruption.CardRemoved:
                flow.Reader.Push(new CardRemoved());
                break;
            case Interruption.LinkLost:
                flow.Reader.Push(new LinkLost("cable"));
                break;
            case Interruption.ReaderFault:
                flow.Reader.Push(new ReaderFault("CAM", "camera"));
                break;
            case Interruption.PatientCancel:
                flow.Reader.Push(new PatientCancelled());
                break;
            case Interruption.StaffCancel:
                flow.Flow.Post(new CancelCheckIn());
                break;
        }
    }
}
