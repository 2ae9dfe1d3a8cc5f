namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>
/// A frame's type byte (docs/FACE-READER-PROTOCOL.md §4). 0x0_ are the link's own, 0x2_ the host's commands, 0x4_ the
/// reader's events. Every frame but <see cref="Ack"/>, <see cref="Nack"/> and <see cref="Heartbeat"/> is acknowledged.
/// </summary>
internal enum MessageType : byte
{
    Hello = 0x01,
    Welcome = 0x02,
    VersionRefused = 0x03,
    Ack = 0x04,
    Nack = 0x05,
    Heartbeat = 0x06,

    GetDeviceInfo = 0x20,
    ShowIdle = 0x21,
    ShowMessage = 0x22,
    ShowMethodChoice = 0x23,
    StartFaceCapture = 0x24,
    ShowConsent = 0x25,
    ShowResult = 0x26,
    EnterVisualCheckMode = 0x27,
    ReturnToAutomaticMode = 0x28,
    CancelOperation = 0x29,

    DeviceInfo = 0x40,
    CardPlaced = 0x41,
    CardRemoved = 0x42,
    CardFaceNumberRead = 0x43,
    MethodChosen = 0x44,
    FaceCaptured = 0x45,
    PinEntered = 0x46,
    ConsentAnswered = 0x47,
    StaffActed = 0x48,
    PatientCancelled = 0x49,
    ReaderFault = 0x4A,
}
