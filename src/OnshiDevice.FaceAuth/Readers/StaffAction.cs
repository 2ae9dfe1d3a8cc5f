namespace OnshiDevice.FaceAuth.Readers;

/// <summary>What staff do, on the reader's staff keys or from reception software.</summary>
public enum StaffAction
{
    /// <summary>Switch this check-in to a staff visual check.</summary>
    SwitchToVisualCheck = 1,

    /// <summary>Visual check: the patient is the person on the card.</summary>
    ConfirmIdentity = 2,

    /// <summary>Visual check: not the person on the card.</summary>
    RejectIdentity = 3,
}
