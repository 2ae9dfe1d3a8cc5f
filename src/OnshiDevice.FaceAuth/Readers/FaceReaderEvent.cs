using OnshiDevice.Cards.Pins;

namespace OnshiDevice.FaceAuth.Readers;

/// <summary>What a reader reports, and what its link does.</summary>
public abstract record FaceReaderEvent
{
    private protected FaceReaderEvent()
    {
    }
}

/// <summary>A card lies on the reader's card slot.</summary>
public sealed record CardPlaced : FaceReaderEvent;

/// <summary>The card was taken off.</summary>
public sealed record CardRemoved : FaceReaderEvent;

/// <summary>The reader's OCR read 照合番号B from the card face; the consumer disposes <paramref name="Number"/>.</summary>
public sealed record CardFaceNumberRead(SecretEntry Number) : FaceReaderEvent;

/// <summary>The patient chose a method on the method screen.</summary>
public sealed record MethodChosen(CheckInMethod Method) : FaceReaderEvent;

/// <summary>
/// The camera's answer to <see cref="StartFaceCapture"/>: whether one face was compared, its similarity to the card
/// photo (0 to 1; the host applies its threshold) and whether the liveness check passed.
/// </summary>
public sealed record FaceCaptured(FaceCaptureOutcome Outcome, double Score, bool Live) : FaceReaderEvent;

/// <summary>The patient typed a PIN on the reader's keypad; the consumer disposes <paramref name="Pin"/> after its one VERIFY.</summary>
public sealed record PinEntered(SecretEntry Pin) : FaceReaderEvent;

/// <summary>The patient's answer to a consent screen.</summary>
public sealed record ConsentAnswered(ConsentTopic Topic, ConsentAnswer Answer) : FaceReaderEvent;

/// <summary>Staff pressed one of the reader's staff keys.</summary>
public sealed record StaffActed(StaffAction Action) : FaceReaderEvent;

/// <summary>The patient pressed cancel on the reader.</summary>
public sealed record PatientCancelled : FaceReaderEvent;

/// <summary>The reader reports a fault of its own (camera, display, card slot); <paramref name="Detail"/> is the device's text, bounded.</summary>
public sealed record ReaderFault(string Code, string Detail) : FaceReaderEvent;

/// <summary>The link is gone (cable pulled, heartbeat silent, port error); the driver keeps trying to come back.</summary>
public sealed record LinkLost(string Reason) : FaceReaderEvent;

/// <summary>The link is back after a new handshake.</summary>
public sealed record LinkRestored(FaceReaderInfo Info) : FaceReaderEvent;
