using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.Windows;

/// <summary>winscard's SCARD_IO_REQUEST: two 32-bit DWORDs.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WindowsIoRequest
{
    public uint Protocol;
    public uint PciLength;
}
