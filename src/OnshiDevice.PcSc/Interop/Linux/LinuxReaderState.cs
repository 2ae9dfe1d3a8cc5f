using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.Linux;

/// <summary>pcsc-lite's SCARD_READERSTATE: DWORD is unsigned long (64-bit on 64-bit Linux), natural alignment.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LinuxReaderState
{
    public nint Reader;
    public nint UserData;
    public nuint CurrentState;
    public nuint EventState;
    public nuint AtrLength;
    public fixed byte Atr[NativeLimits.PcscLiteMaxAtrSize];
}
