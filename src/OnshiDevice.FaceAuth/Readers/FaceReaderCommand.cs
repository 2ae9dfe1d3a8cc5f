namespace OnshiDevice.FaceAuth.Readers;

/// <summary>What the host asks of a reader. Each is acknowledged by the reader (<see cref="IFaceAuthReader.SendAsync"/>).</summary>
public abstract record FaceReaderCommand
{
    private protected FaceReaderCommand()
    {
    }
}

/// <summary>The idle screen ("place your card"); automatic mode.</summary>
public sealed record ShowIdle : FaceReaderCommand;

/// <summary>A message screen; the reader words it in its language.</summary>
public sealed record ShowMessage(ReaderMessage Message) : FaceReaderCommand;

/// <summary>The choice of method. <paramref name="PinTriesLeft"/> is shown beside the PIN button when known.</summary>
public sealed record ShowMethodChoice(bool FaceOffered, bool PinOffered, int? PinTriesLeft) : FaceReaderCommand;

/// <summary>
/// Starts the camera: the reader compares the patient's face with <paramref name="ReferencePhoto"/> (the card's own
/// photo, JPEG 2000, read from the chip for this check-in only) and answers with <see cref="FaceCaptured"/>.
/// </summary>
public sealed record StartFaceCapture(ReadOnlyMemory<byte> ReferencePhoto) : FaceReaderCommand;

/// <summary>One consent screen; the patient's answer comes as <see cref="ConsentAnswered"/>.</summary>
public sealed record ShowConsent(ConsentTopic Topic) : FaceReaderCommand;

/// <summary>The end of a check-in: passed, or the message saying why not.</summary>
public sealed record ShowResult(bool Passed, ReaderMessage Message) : FaceReaderCommand;

/// <summary>Staff visual check (目視モード): the reader stops its automatic flow and waits for staff.</summary>
public sealed record EnterVisualCheckMode : FaceReaderCommand;

/// <summary>Back to automatic mode (自動運転モード) after a visual check.</summary>
public sealed record ReturnToAutomaticMode : FaceReaderCommand;

/// <summary>Ends whatever the reader is doing (a capture, a screen) and goes idle.</summary>
public sealed record CancelOperation : FaceReaderCommand;
