using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OnshiDevice.PcSc.Interop.Linux;
using OnshiDevice.PcSc.Interop.MacOS;
using OnshiDevice.PcSc.Interop.Windows;

namespace OnshiDevice.UnitTests.PcSc;

/// <summary>
/// The native structs must match the C headers byte for byte on 64-bit processes (the only ones the
/// service ships for): pcsc-lite on Linux uses 64-bit DWORDs and natural alignment, winscard 32-bit
/// DWORDs and a 36-byte ATR, Apple's PCSC.framework 32-bit DWORDs with #pragma pack(1).
/// </summary>
public class NativeLayoutTests
{
    [Fact]
    public void Tests_run_in_a_64_bit_process() => Assert.Equal(8, IntPtr.Size);

    [Fact]
    public void Linux_reader_state_matches_pcsclite_on_x64()
    {
        Assert.Equal(80, Marshal.SizeOf<LinuxReaderState>());
        Assert.Equal(0, Offset<LinuxReaderState>(nameof(LinuxReaderState.Reader)));
        Assert.Equal(8, Offset<LinuxReaderState>(nameof(LinuxReaderState.UserData)));
        Assert.Equal(16, Offset<LinuxReaderState>(nameof(LinuxReaderState.CurrentState)));
        Assert.Equal(24, Offset<LinuxReaderState>(nameof(LinuxReaderState.EventState)));
        Assert.Equal(32, Offset<LinuxReaderState>(nameof(LinuxReaderState.AtrLength)));
        Assert.Equal(40, Offset<LinuxReaderState>(nameof(LinuxReaderState.Atr)));
    }

    [Fact]
    public void Windows_reader_state_matches_winscard_on_x64()
    {
        Assert.Equal(64, Marshal.SizeOf<WindowsReaderState>());
        Assert.Equal(0, Offset<WindowsReaderState>(nameof(WindowsReaderState.Reader)));
        Assert.Equal(8, Offset<WindowsReaderState>(nameof(WindowsReaderState.UserData)));
        Assert.Equal(16, Offset<WindowsReaderState>(nameof(WindowsReaderState.CurrentState)));
        Assert.Equal(20, Offset<WindowsReaderState>(nameof(WindowsReaderState.EventState)));
        Assert.Equal(24, Offset<WindowsReaderState>(nameof(WindowsReaderState.AtrLength)));
        Assert.Equal(28, Offset<WindowsReaderState>(nameof(WindowsReaderState.Atr)));
    }

    [Fact]
    public void MacOS_reader_state_is_packed_like_the_PCSC_framework_header()
    {
        Assert.Equal(61, Marshal.SizeOf<MacReaderState>());
        Assert.Equal(0, Offset<MacReaderState>(nameof(MacReaderState.Reader)));
        Assert.Equal(8, Offset<MacReaderState>(nameof(MacReaderState.UserData)));
        Assert.Equal(16, Offset<MacReaderState>(nameof(MacReaderState.CurrentState)));
        Assert.Equal(20, Offset<MacReaderState>(nameof(MacReaderState.EventState)));
        Assert.Equal(24, Offset<MacReaderState>(nameof(MacReaderState.AtrLength)));
        Assert.Equal(28, Offset<MacReaderState>(nameof(MacReaderState.Atr)));
    }

    [Fact]
    public void Managed_sizes_agree_with_the_marshaller()
    {
        // The binding passes these structs by pointer, so the managed size is what the native side sees.
        Assert.Equal(80, Unsafe.SizeOf<LinuxReaderState>());
        Assert.Equal(64, Unsafe.SizeOf<WindowsReaderState>());
        Assert.Equal(61, Unsafe.SizeOf<MacReaderState>());
    }

    [Fact]
    public void Io_requests_are_two_native_dwords()
    {
        Assert.Equal(16, Marshal.SizeOf<LinuxIoRequest>());
        Assert.Equal(8, Offset<LinuxIoRequest>(nameof(LinuxIoRequest.PciLength)));
        Assert.Equal(8, Marshal.SizeOf<WindowsIoRequest>());
        Assert.Equal(4, Offset<WindowsIoRequest>(nameof(WindowsIoRequest.PciLength)));
        Assert.Equal(8, Marshal.SizeOf<MacIoRequest>());
        Assert.Equal(4, Offset<MacIoRequest>(nameof(MacIoRequest.PciLength)));
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
