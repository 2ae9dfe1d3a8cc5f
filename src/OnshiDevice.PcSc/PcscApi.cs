using System.Runtime.InteropServices;
using OnshiDevice.PcSc.Interop.Linux;
using OnshiDevice.PcSc.Interop.MacOS;
using OnshiDevice.PcSc.Interop.Windows;

namespace OnshiDevice.PcSc;

/// <summary>Chooses the native PC/SC implementation for the operating system the process runs on.</summary>
public static class PcscApi
{
    /// <summary>
    /// winscard.dll on Windows, PCSC.framework on macOS, libpcsclite.so.1 elsewhere (Linux, BSD).
    /// The library is loaded on the first call, so a missing library shows up there as
    /// <see cref="DllNotFoundException"/>.
    /// </summary>
    public static IPcscApi ForCurrentPlatform()
    {
        if (OperatingSystem.IsWindows())
        {
            return new WinScardApi();
        }

        if (OperatingSystem.IsMacOS())
        {
            return new MacPcscApi();
        }

        return new PcscLiteApi();
    }

    /// <summary>
    /// SCARD_CTL_CODE(function) as the current platform's SCardControl expects it: pcsc-lite and
    /// macOS use 0x42000000 + function, Windows CTL_CODE(FILE_DEVICE_SMARTCARD, function, METHOD_BUFFERED, FILE_ANY_ACCESS).
    /// </summary>
    public static uint ControlCode(int function) =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? (0x31u << 16) | ((uint)function << 2)
            : 0x42000000u + (uint)function;
}
