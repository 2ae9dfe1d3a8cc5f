namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>How the one VERIFY of a PIN or a 照合番号B ended, as the card layer reported it.</summary>
public enum SecretCheckOutcome
{
    Verified = 1,

    /// <summary>Wrong; the card counted a try.</summary>
    Incorrect = 2,

    /// <summary>Blocked now or before; the card refuses every VERIFY.</summary>
    Blocked = 3,

    /// <summary>Only the last try was left (or the card does not tell) and the options do not allow spending it; nothing was sent.</summary>
    LastTryRefused = 4,

    /// <summary>The entry has a length or characters the card does not take; nothing was sent.</summary>
    InvalidFormat = 5,
}
