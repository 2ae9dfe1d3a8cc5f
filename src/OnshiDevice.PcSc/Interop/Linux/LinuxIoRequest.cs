using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.Linux;

/// <summary>pcsc-lite's SCARD_IO_REQUEST: two unsigned longs.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LinuxIoRequest
{
    public nuint Protocol;
    public nuint PciLength;
}
