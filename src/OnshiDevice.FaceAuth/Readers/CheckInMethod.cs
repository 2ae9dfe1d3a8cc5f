namespace OnshiDevice.FaceAuth.Readers;

/// <summary>The way a patient proves the card is theirs.</summary>
public enum CheckInMethod
{
    /// <summary>The reader's camera against the card's photo.</summary>
    Face = 1,

    /// <summary>The JPKI user-authentication PIN (4 digits) on the reader's keypad.</summary>
    Pin = 2,

    /// <summary>Staff compare the patient with the card's photo (目視確認); chosen by staff, never offered to the patient.</summary>
    VisualCheck = 3,
}
