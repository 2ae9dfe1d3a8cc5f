using Grpc.Core;
using OnshiDevice.Simulators.FaceReader;
using OnshiDevice.Simulators.MyNumber;
using Contract = OnshiDevice.Contracts.V1;
using Kind = OnshiDevice.Contracts.V1.CheckInEvent.KindOneofCase;

namespace OnshiDevice.TestSupport;

/// <summary>
/// The patient scenarios of the simulated reader (simulators/README.md "Face-reader scenarios") end to end through the
/// CheckIn stream, as reception software sees them: the scenario plays the patient at the reader; the desk attends
/// over AttendCheckIns and acts where staff would; a watcher follows over WatchCheckIns. Each tier runs them on its own
/// rig: in process (IntegrationTests), and through the real pcscd, vpcd and a pty pair (HardwareTests).
/// </summary>
public abstract class CheckInScenarioTests
{
    /// <summary>The service with one face reader configured, connected to its simulated reader.</summary>
    protected abstract Task<ICheckInRig> StartAsync();

    /// <summary>Waits, where the rig's PC/SC needs it, until the card taken off is seen gone, before the patient places it again.</summary>
    protected virtual Task CardTakenOffAsync() => Task.CompletedTask;

    private const string Number = VirtualMyNumberCards.CardFaceNumberB;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_face_check_in_completes_with_the_verified_auth_certificate_the_method_the_proof_and_the_consents()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();
        using var watch = await host.WatchAsync();
        var desksView = desk.UntilEndAsync();
        var watchersView = CheckInStreams.UntilEndAsync(watch, host.Patience);

        await host.PlayAsync($"""
            place-card number={Number}
            expect method-choice face pin tries=3
            choose face
            face compared score=0.95
            consent agree
            consent decline
            expect result passed
            expect idle
            """);

        var events = await desksView;
        Assert.Equal([Kind.Started, Kind.MethodChosen, Kind.CardFaceNumberResult, Kind.FaceResult, Kind.ConsentRecorded, Kind.ConsentRecorded, Kind.Completed], events.Select(e => e.KindCase));
        Assert.Single(events.Select(e => e.CheckInId).Distinct());
        Assert.True(Guid.TryParse(events[0].CheckInId, out _));
        Assert.All(events, e => Assert.Equal(host.FaceReader, e.FaceReader));
        var completed = events[^1].Completed;
        Assert.Equal(Contract.CheckInMethod.Face, completed.Method);
        Assert.True(completed.Verification.Valid, string.Join(", ", completed.Verification.Failures));
        Assert.Equal(host.Card.AuthCertificate, completed.AuthCertificate.ToByteArray());
        Assert.Equal(Contract.ChipKey.CardFaceApplication, completed.ChipPresence.Key);
        Assert.Equal(32, completed.ChipPresence.Challenge.Length);
        Assert.Equal(
            [(Contract.ConsentTopic.Medication, Contract.ConsentAnswer.Agreed), (Contract.ConsentTopic.HighCostLimit, Contract.ConsentAnswer.Declined)],
            completed.Consents.Select(c => (c.Topic, c.Answer)));
        Assert.True(completed.PlacedAt.ToDateTimeOffset() <= completed.IdentifiedAt.ToDateTimeOffset());
        Assert.True(completed.IdentifiedAt.ToDateTimeOffset() <= completed.AuthenticatedAt.ToDateTimeOffset());
        Assert.Equal(0.95, events.Single(e => e.KindCase == Kind.FaceResult).FaceResult.Score, 3);

        // The watcher sees the same check-in, event for event.
        Assert.Equal(events, await watchersView);
        Assert.Equal(3, host.Card.AuthPinTriesLeft);
    }

    [Fact]
    public async Task A_face_not_recognised_falls_back_to_the_pin_and_the_chip_signs_with_its_auth_key()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();
        var view = desk.UntilEndAsync();

        await host.PlayAsync($"""
            place-card number={Number}
            choose face
            face compared score=0.42
            expect message face-not-recognised
            expect method-choice pin
            choose pin
            pin {VirtualMyNumberCards.AuthPin}
            consents agree
            expect result passed
            """);

        var events = await view;
        var face = events.Single(e => e.KindCase == Kind.FaceResult).FaceResult;
        Assert.False(face.Passed);
        Assert.Equal(1u, face.ConsecutiveFailures);
        var pin = events.Single(e => e.KindCase == Kind.PinResult).PinResult;
        Assert.Equal(Contract.SecretCheckOutcome.Verified, pin.Outcome);
        Assert.False(pin.HasTriesLeft);
        Assert.Equal(Contract.CheckInMethod.Pin, events[^1].Completed.Method);
        Assert.Equal(Contract.ChipKey.JpkiAuthentication, events[^1].Completed.ChipPresence.Key);
    }

    [Theory]
    [InlineData("face no-face", Contract.FaceCaptureOutcome.NoFace)]
    [InlineData("face multiple-faces", Contract.FaceCaptureOutcome.MultipleFaces)]
    [InlineData("face compared score=0.99 not-live", Contract.FaceCaptureOutcome.Compared)]
    public async Task A_face_the_camera_cannot_pass_is_a_failed_face_result_then_the_patient_cancels(string camera, Contract.FaceCaptureOutcome outcome)
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();
        var view = desk.UntilEndAsync();

        await host.PlayAsync($"""
            place-card number={Number}
            choose face
            {camera}
            expect message face-not-recognised
            expect method-choice face pin
            cancel
            expect idle
            """);

        var events = await view;
        var face = events.Single(e => e.KindCase == Kind.FaceResult).FaceResult;
        Assert.Equal(outcome, face.Outcome);
        Assert.False(face.Passed);
        Assert.Equal(Contract.CheckInCancelledBy.Patient, events[^1].Cancelled.By);
        Assert.Equal(Contract.CheckInStep.MethodChoice, events[^1].Cancelled.Step);
    }

    [Fact]
    public async Task A_wrong_pin_reports_the_tries_left_and_staff_cancel_from_the_desk()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();

        await host.PlayAsync("""
            place-card
            choose pin
            pin 9999
            expect method-choice tries=2
            """);
        var pinResult = (await desk.UntilAsync(Kind.PinResult))[^1].PinResult;
        await desk.SendAsync(new Contract.AttendCheckInsRequest { Cancel = new Contract.CancelCheckIn() });
        var events = await desk.UntilEndAsync();
        await host.PlayAsync("expect idle");

        Assert.Equal(Contract.SecretCheckOutcome.Incorrect, pinResult.Outcome);
        Assert.Equal(2u, pinResult.TriesLeft);
        Assert.Equal(Contract.CheckInCancelledBy.Staff, events[^1].Cancelled.By);
        Assert.Equal(2, host.Card.AuthPinTriesLeft);
    }

    [Fact]
    public async Task A_card_removed_mid_flow_fails_the_check_in_and_the_reader_goes_idle()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();
        var view = desk.UntilEndAsync();

        await host.PlayAsync("""
            place-card
            expect method-choice
            remove-card
            expect result failed
            expect idle
            """);

        var failed = (await view)[^1].Failed;
        Assert.Equal(Contract.CheckInFailureReason.CardRemoved, failed.Reason);
        Assert.Equal(Contract.CheckInStep.MethodChoice, failed.Step);
    }

    [Fact]
    public async Task Staff_switch_to_a_visual_check_type_the_number_see_the_photo_and_confirm()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();
        using var watch = await host.WatchAsync();
        var watchersView = CheckInStreams.UntilEndAsync(watch, host.Patience);

        // The reader's OCR reads no number from this card: staff type 照合番号B from the card face.
        await host.PlayAsync("""
            place-card
            expect method-choice
            """);
        await desk.SendAsync(new Contract.AttendCheckInsRequest { SwitchToVisualCheck = new Contract.SwitchToVisualCheck() });
        var upToNumber = await desk.UntilAsync(Kind.CardFaceNumberNeeded);
        var needed = upToNumber[^1].CardFaceNumberNeeded;
        await desk.SendAsync(new Contract.AttendCheckInsRequest { EnterCardFaceNumber = new Contract.EnterCardFaceNumber { CardFaceNumber = Number } });
        var upToPhoto = await desk.UntilAsync(Kind.VisualCheckNeeded);
        await host.PlayAsync("expect visual-check-mode");
        await desk.SendAsync(new Contract.AttendCheckInsRequest { ConfirmIdentity = new Contract.ConfirmIdentity() });
        await host.PlayAsync("""
            consents agree
            expect result passed
            """);
        var rest = await desk.UntilEndAsync();

        Assert.Equal(host.Reader.Capabilities.HasFlag(OnshiDevice.FaceAuth.Readers.FaceReaderCapabilities.CardFaceOcr), needed.ReaderCanReadIt);
        Assert.Equal(Contract.CheckInMethod.VisualCheck, upToNumber.Single(e => e.KindCase == Kind.MethodChosen).MethodChosen.Method);
        Assert.Equal(Contract.SecretCheckOutcome.Verified, upToPhoto.Single(e => e.KindCase == Kind.CardFaceNumberResult).CardFaceNumberResult.Outcome);
        var visual = upToPhoto[^1].VisualCheckNeeded;
        Assert.Equal(PngSignature, visual.PhotoPng.Span[..8].ToArray());
        Assert.Equal("", visual.PhotoProblem);
        Assert.Equal(Contract.CardFaceSignature.Valid, visual.CardFaceSignature);
        Assert.Equal(Contract.CheckInMethod.VisualCheck, rest[^1].Completed.Method);
        Assert.Equal(Contract.ChipKey.CardFaceApplication, rest[^1].Completed.ChipPresence.Key);

        // A watcher is told a visual check is needed, never shown the photo.
        var watched = await watchersView;
        Assert.True(watched.Single(e => e.KindCase == Kind.VisualCheckNeeded).VisualCheckNeeded.PhotoPng.IsEmpty);
        Assert.Equal(upToNumber.Concat(upToPhoto).Concat(rest).Select(e => e.KindCase), watched.Select(e => e.KindCase));
    }

    [Fact]
    public async Task Staff_rejecting_the_patient_in_a_visual_check_fails_the_check_in()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();

        await host.PlayAsync($"""
            place-card number={Number}
            expect method-choice
            """);
        await desk.SendAsync(new Contract.AttendCheckInsRequest { SwitchToVisualCheck = new Contract.SwitchToVisualCheck() });
        await desk.UntilAsync(Kind.VisualCheckNeeded);
        await desk.SendAsync(new Contract.AttendCheckInsRequest { RejectIdentity = new Contract.RejectIdentity() });
        var events = await desk.UntilEndAsync();
        await host.PlayAsync("expect idle");

        Assert.Equal(Contract.CheckInFailureReason.IdentityRejected, events[^1].Failed.Reason);
        Assert.Equal(Contract.CheckInStep.StaffVisualCheck, events[^1].Failed.Step);
    }

    [Fact]
    public async Task A_desk_that_starts_attending_during_a_visual_check_gets_its_photo()
    {
        await using var host = await StartAsync();
        var first = await host.AttendAsync();
        await host.PlayAsync($"""
            place-card number={Number}
            expect method-choice
            """);
        await first.SendAsync(new Contract.AttendCheckInsRequest { SwitchToVisualCheck = new Contract.SwitchToVisualCheck() });
        await first.UntilAsync(Kind.VisualCheckNeeded);
        first.Dispose();

        var second = await host.AttendWhenFreeAsync();
        var replayed = await second.NextAsync();
        await second.SendAsync(new Contract.AttendCheckInsRequest { ConfirmIdentity = new Contract.ConfirmIdentity() });
        await host.PlayAsync("""
            consents agree
            expect result passed
            """);
        var events = await second.UntilEndAsync();
        second.Dispose();

        Assert.Equal(Kind.VisualCheckNeeded, replayed.KindCase);
        Assert.Equal(PngSignature, replayed.VisualCheckNeeded.PhotoPng.Span[..8].ToArray());
        Assert.Equal(Contract.CheckInMethod.VisualCheck, events[^1].Completed.Method);
    }

    [Fact]
    public async Task The_cable_pulled_fails_the_check_in_as_link_lost_and_put_back_the_next_check_in_completes()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();

        await host.PlayAsync("""
            place-card
            expect method-choice
            unplug
            """);
        var lost = await desk.UntilEndAsync();
        await host.PlayAsync("""
            plug-in
            remove-card
            """);
        await CardTakenOffAsync();
        var untilBack = new List<Contract.CheckInEvent>();
        do
        {
            untilBack.AddRange(await desk.UntilAsync(Kind.ReaderState));
        }
        while (!untilBack[^1].ReaderState.Connected);

        var view = desk.UntilEndAsync();
        await host.PlayAsync($"""
            place-card
            choose pin
            pin {VirtualMyNumberCards.AuthPin}
            consents agree
            expect result passed
            """);
        var next = await view;

        Assert.Equal(Contract.CheckInFailureReason.ReaderLinkLost, lost[^1].Failed.Reason);
        Assert.Contains(lost.Concat(untilBack), e => e.KindCase == Kind.ReaderState && !e.ReaderState.Connected);
        Assert.Equal(host.Reader.SerialNumber, untilBack[^1].ReaderState.Info.SerialNumber);
        Assert.Equal(Contract.CheckInMethod.Pin, next[^1].Completed.Method);
    }

    [Fact]
    public async Task Garbage_on_the_line_mid_check_in_is_skipped_and_the_check_in_completes()
    {
        await using var host = await StartAsync();
        using var desk = await host.AttendAsync();
        var view = desk.UntilEndAsync();

        await host.PlayAsync($"""
            place-card
            garbage 7E 00 05 01 41 7D 7E 13 37 7E
            choose pin
            garbage 00 FF 7E 7E 00
            pin {VirtualMyNumberCards.AuthPin}
            consents agree
            expect result passed
            """);

        Assert.Equal(Contract.CheckInMethod.Pin, (await view)[^1].Completed.Method);
    }
}
