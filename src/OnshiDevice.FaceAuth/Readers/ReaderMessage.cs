namespace OnshiDevice.FaceAuth.Readers;

/// <summary>The messages a reader shows; it words them itself, in its language.</summary>
public enum ReaderMessage
{
    PleaseWait = 1,
    CardNotReadable = 2,
    NotAMyNumberCard = 3,
    FaceNotRecognised = 4,
    PinIncorrect = 5,
    PinBlocked = 6,
    CertificateNotValid = 7,
    CallStaff = 8,
    CheckInComplete = 9,
    CheckInCancelled = 10,
    CardRemoved = 11,
}
