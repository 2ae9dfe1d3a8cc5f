using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.Simulators.FaceReader.Scenarios;

/// <summary>A command a scenario waits for, with the parts it cares about (null: any).</summary>
public sealed record ScreenExpectation(string Text, Func<FaceReaderCommand, bool> Matches)
{
    public override string ToString() => Text;

    public static ScreenExpectation Idle { get; } = new("idle", c => c is ShowIdle);

    public static ScreenExpectation FaceCapture { get; } = new("face-capture", c => c is StartFaceCapture);

    public static ScreenExpectation VisualCheckMode { get; } = new("visual-check-mode", c => c is EnterVisualCheckMode);

    public static ScreenExpectation AutomaticMode { get; } = new("automatic-mode", c => c is ReturnToAutomaticMode);

    public static ScreenExpectation Message(ReaderMessage message) => new($"message {message}", c => c is ShowMessage m && m.Message == message);

    public static ScreenExpectation MethodChoice(bool? face, bool? pin, int? triesLeft) => new(
        "method-choice" + (face == true ? " face" : string.Empty) + (pin == true ? " pin" : string.Empty) + (triesLeft is { } t ? $" tries={t}" : string.Empty),
        c => c is ShowMethodChoice m && (face is null || m.FaceOffered == face) && (pin is null || m.PinOffered == pin) && (triesLeft is null || m.PinTriesLeft == triesLeft));

    public static ScreenExpectation Consent(ConsentTopic? topic) => new(
        "consent" + (topic is { } t ? " " + t : string.Empty),
        c => c is ShowConsent s && (topic is null || s.Topic == topic));

    public static ScreenExpectation Result(bool passed, ReaderMessage? message) => new(
        "result " + (passed ? "passed" : "failed") + (message is { } m ? " " + m : string.Empty),
        c => c is ShowResult r && r.Passed == passed && (message is null || r.Message == message));
}
