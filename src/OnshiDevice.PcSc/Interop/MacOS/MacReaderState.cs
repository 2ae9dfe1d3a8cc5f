using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.MacOS;

/// <summary>
/// PCSC.framework's SCARD_READERSTATE: DWORD is uint32_t and the header wraps the struct in
/// <c>#pragma pack(1)</c> under <c>__APPLE__</c>, so there is no padding anywhere (61 bytes on 64-bit).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal unsafe struct MacReaderState
{
    public nint Reader;
    public nint UserData;
    public uint CurrentState;
    public uint EventState;
    public uint AtrLength;
    public fixed byte Atr[NativeLimits.PcscLiteMaxAtrSize];
}
