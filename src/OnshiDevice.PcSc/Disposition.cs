namespace OnshiDevice.PcSc;

/// <summary>SCARD_LEAVE_CARD etc.: what happens to the card when a handle or transaction ends.</summary>
public enum Disposition
{
    LeaveCard = 0,
    ResetCard = 1,
    UnpowerCard = 2,
    EjectCard = 3,
}
