using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.Simulators.FaceReader.Scenarios;

/// <summary>One line of a face-reader scenario (simulators/README.md "Face-reader scenarios"): what the patient, staff or the cable does, or what the host must show.</summary>
public abstract record ScenarioStep(int Line);

public sealed record PlaceCardStep(int Line, string? CardFaceNumber) : ScenarioStep(Line);

public sealed record RemoveCardStep(int Line) : ScenarioStep(Line);

public sealed record ChooseStep(int Line, CheckInMethod Method) : ScenarioStep(Line);

public sealed record PinStep(int Line, string Pin) : ScenarioStep(Line)
{
    public override string ToString() => $"PinStep {{ Line = {Line}, Pin = {new string('*', Pin.Length)} }}";
}

/// <summary>Waits for the host to start a capture, then answers it as the camera would.</summary>
public sealed record FaceStep(int Line, FaceCaptureOutcome Outcome, double Score, bool Live) : ScenarioStep(Line);

/// <summary>Answers the next consent screen, or with <paramref name="All"/> every consent screen until the host shows something else.</summary>
public sealed record ConsentStep(int Line, ConsentAnswer Answer, bool All) : ScenarioStep(Line);

public sealed record StaffStep(int Line, StaffAction Action) : ScenarioStep(Line);

public sealed record CancelStep(int Line) : ScenarioStep(Line);

public sealed record FaultStep(int Line, string Code, string Detail) : ScenarioStep(Line);

public sealed record UnplugStep(int Line) : ScenarioStep(Line);

public sealed record PlugInStep(int Line) : ScenarioStep(Line);

public sealed record FreezeStep(int Line, bool Frozen) : ScenarioStep(Line);

public sealed record GarbageStep(int Line, byte[] Bytes) : ScenarioStep(Line);

public sealed record WaitStep(int Line, TimeSpan Duration) : ScenarioStep(Line);

/// <summary>Waits until the host sends a command matching <paramref name="Expectation"/>, skipping others, within <paramref name="Timeout"/>.</summary>
public sealed record ExpectStep(int Line, ScreenExpectation Expectation, TimeSpan Timeout) : ScenarioStep(Line);
