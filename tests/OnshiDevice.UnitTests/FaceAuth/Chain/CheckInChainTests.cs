using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.UnitTests.FaceAuth.Chain;

public sealed class CheckInChainTests
{
    private const string Number = VirtualMyNumberCards.CardFaceNumberB;

    [Fact]
    public async Task A_face_check_in_ends_with_the_verified_auth_certificate_and_the_card_face_aps_proof()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync($"""
            place-card number={Number}
            expect method-choice face pin tries=3
            choose face
            face compared score=0.95
            consent agree
            consent decline
            expect result passed
            """);

        var completed = Assert.IsType<CheckInCompleted>(events[^1]);
        Assert.Equal(CheckInMethod.Face, completed.Result.Method);
        Assert.True(completed.Result.Certificate.Verdict.IsValid, string.Join(", ", completed.Result.Certificate.Verdict.Failures));
        Assert.Equal(chain.Card.AuthCertificate, completed.Result.Certificate.Der.ToArray());
        Assert.Equal(ChipKey.CardFaceApplication, completed.Result.ChipPresence.Key);
        Assert.Equal([ConsentAnswer.Agreed, ConsentAnswer.Declined], completed.Result.Consents.Select(c => c.Answer));
        Assert.Equal(3, chain.Card.AuthPinTriesLeft);
    }

    [Fact]
    public async Task A_face_not_recognised_falls_back_to_the_pin_on_the_keypad()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync($"""
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

        var completed = Assert.IsType<CheckInCompleted>(events[^1]);
        Assert.Equal(CheckInMethod.Pin, completed.Result.Method);
        Assert.Equal(ChipKey.JpkiAuthentication, completed.Result.ChipPresence.Key);
        Assert.Contains(events, e => e is FaceResult { Passed: false });
    }

    [Fact]
    public async Task A_wrong_pin_reports_the_tries_left_and_the_card_is_never_retried()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync("""
            place-card
            choose pin
            pin 9999
            expect method-choice tries=2
            cancel
            """);

        Assert.Contains(events, e => e is PinResult { TriesLeft: 2 });
        Assert.IsType<CheckInCancelled>(events[^1]);
        Assert.Equal(2, chain.Card.AuthPinTriesLeft);
    }

    [Fact]
    public async Task Staff_switch_to_a_visual_check_and_confirm_with_the_card_photo()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync($"""
            place-card number={Number}
            expect method-choice
            staff visual-check
            expect visual-check-mode
            staff confirm
            consents agree
            expect result passed
            """);

        Assert.Contains(events, e => e is VisualCheckNeeded);
        Assert.All(chain.PhotosSeen, photo => Assert.Equal(VirtualMyNumberCards.CardFacePhoto, photo));
        Assert.Equal(OnshiDevice.Simulators.FaceReader.FaceReaderMode.Automatic, chain.Reader.Mode);
        Assert.Contains(chain.Reader.Commands, c => c is ReturnToAutomaticMode);
        Assert.Equal(CheckInMethod.VisualCheck, Assert.IsType<CheckInCompleted>(events[^1]).Result.Method);
    }

    [Fact]
    public async Task A_card_removed_mid_flow_ends_the_check_in_and_the_reader_goes_idle()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync("""
            place-card
            expect method-choice
            remove-card
            expect result failed
            expect idle
            """);

        Assert.Equal(CheckInFailureReason.CardRemoved, Assert.IsType<CheckInFailed>(events[^1]).Reason);
    }

    [Theory]
    [InlineData("face no-face")]
    [InlineData("face multiple-faces")]
    [InlineData("face compared score=0.99 not-live")]
    public async Task A_face_the_camera_cannot_pass_is_a_face_failure_and_the_method_choice_comes_back(string camera)
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync($"""
            place-card number={Number}
            choose face
            {camera}
            expect message face-not-recognised
            expect method-choice face pin
            cancel
            """);

        var face = Assert.Single(events.OfType<FaceResult>());
        Assert.False(face.Passed);
        Assert.Equal(1, face.ConsecutiveFailures);
        Assert.Equal(CheckInCancelledBy.Patient, Assert.IsType<CheckInCancelled>(events[^1]).By);
    }

    [Fact]
    public async Task Staff_rejecting_the_patient_in_a_visual_check_fails_the_check_in()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync($"""
            place-card number={Number}
            expect method-choice
            staff visual-check
            expect visual-check-mode
            staff reject
            expect result failed
            """);

        Assert.Equal(CheckInFailureReason.IdentityRejected, Assert.IsType<CheckInFailed>(events[^1]).Reason);
        Assert.Equal(OnshiDevice.Simulators.FaceReader.FaceReaderMode.Automatic, chain.Reader.Mode);
    }

    [Fact]
    public async Task The_cable_pulled_mid_check_in_ends_it_as_link_lost()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync("""
            place-card
            expect method-choice
            unplug
            """);

        Assert.Equal(CheckInFailureReason.ReaderLinkLost, Assert.IsType<CheckInFailed>(events[^1]).Reason);
    }

    [Fact]
    public async Task Garbage_on_the_line_mid_check_in_is_skipped_and_the_check_in_completes()
    {
        await using var chain = await CheckInChain.StartAsync(VirtualMyNumberCards.Standard());

        var events = await chain.PlayAsync($"""
            place-card
            garbage 7E 00 05 01 41 7D 7E 13 37 7E
            choose pin
            garbage 00 FF 7E 7E 00
            pin {VirtualMyNumberCards.AuthPin}
            consents agree
            expect result passed
            """);

        Assert.Equal(CheckInMethod.Pin, Assert.IsType<CheckInCompleted>(events[^1]).Result.Method);
    }
}
