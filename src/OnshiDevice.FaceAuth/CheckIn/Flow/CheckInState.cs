namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>Where a check-in stands; a failure or a cancel names the state it ended in.</summary>
public enum CheckInState
{
    /// <summary>Selecting the JPKI AP to learn whether the card is a My Number card.</summary>
    IdentifyingCard = 1,

    /// <summary>Asking the auth PIN's tries left (none spent).</summary>
    ReadingPinStatus = 2,

    /// <summary>The method screen is up; waiting for the patient's choice.</summary>
    MethodChoice = 3,

    /// <summary>Waiting for 照合番号B, from the reader's OCR or typed by staff.</summary>
    CardFaceNumberEntry = 4,

    /// <summary>VERIFY of 照合番号B and the read of the card's photo.</summary>
    ReadingCardFacePhoto = 5,

    /// <summary>The camera is comparing the patient with the card's photo.</summary>
    FaceCapture = 6,

    /// <summary>Waiting for the PIN from the reader's keypad.</summary>
    PinEntry = 7,

    /// <summary>The one VERIFY of the auth PIN and the chip's signature over the challenge.</summary>
    VerifyingPin = 8,

    /// <summary>No method is left for the patient; waiting for staff to switch to a visual check.</summary>
    AwaitingStaff = 9,

    /// <summary>The reader is in visual-check mode; waiting for staff to confirm or reject.</summary>
    StaffVisualCheck = 10,

    /// <summary>A consent screen is up.</summary>
    Consent = 11,

    /// <summary>Reading and verifying the JPKI user-authentication certificate.</summary>
    ReadingCertificate = 12,
}
