using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.Windows;

/// <summary>winscard's SCARD_READERSTATEW: 32-bit DWORDs, a 36-byte ATR buffer, natural alignment.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct WindowsReaderState
{
    public nint Reader;
    public nint UserData;
    public uint CurrentState;
    public uint EventState;
    public uint AtrLength;
    public fixed byte Atr[NativeLimits.WindowsMaxAtrSize];
}
