namespace OnshiDevice.PcSc;

/// <summary>SCARD_SHARE_*: how a connection shares the card with other applications.</summary>
public enum ShareMode
{
    Exclusive = 1,
    Shared = 2,
    Direct = 3,
}
