namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>Why a check-in ended without a result. <see cref="CheckInFailures"/> is the one mapping from exceptions.</summary>
public enum CheckInFailureReason
{
    /// <summary>The card was taken off the reader.</summary>
    CardRemoved = 1,

    /// <summary>The card is not a My Number card (no JPKI AP answered its AID).</summary>
    NotAMyNumberCard = 2,

    /// <summary>The card answered in a way the card layer does not accept.</summary>
    CardError = 3,

    /// <summary>A card call did not finish within <see cref="CheckInOptions.CardCallDeadline"/>.</summary>
    CardNotAnswering = 4,

    /// <summary>The reader's link went down (cable pulled, heartbeat silent, events ended).</summary>
    ReaderLinkLost = 5,

    /// <summary>The reader reported a fault of its own, or refused a command.</summary>
    ReaderFault = 6,

    /// <summary>The reader did not acknowledge a command within <see cref="CheckInOptions.ReaderCommandDeadline"/>.</summary>
    ReaderNotAnswering = 7,

    /// <summary>The state named beside the reason waited longer than its timeout.</summary>
    Timeout = 8,

    /// <summary>The card's photo could not be read (照合番号B blocked, or its last try refused), so no visual check could be made.</summary>
    CardFacePhotoUnavailable = 9,

    /// <summary>Staff compared the patient with the card's photo and rejected them.</summary>
    IdentityRejected = 10,

    /// <summary>The JPKI auth certificate did not verify for JPKI authentication.</summary>
    CertificateNotValid = 11,

    /// <summary>A fault of this program, not of the card or the reader.</summary>
    Unexpected = 12,
}
