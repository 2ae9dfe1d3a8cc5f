namespace OnshiDevice.PcSc;

/// <summary>SCARD_PROTOCOL_*: the transmission protocols a connection may use.</summary>
[Flags]
#pragma warning disable CA1028 // Matches the native flag width.
public enum Protocols : uint
#pragma warning restore CA1028
{
    Undefined = 0,
    T0 = 1,
    T1 = 2,
    Raw = 4,
    Any = T0 | T1,
}
