using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.MacOS;

/// <summary>PCSC.framework's SCARD_IO_REQUEST: two uint32_t, packed.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal struct MacIoRequest
{
    public uint Protocol;
    public uint PciLength;
}
