namespace OnshiDevice.Service.Health;

/// <summary>How to start the operating system's PC/SC service: the service's log and its status name it the same way.</summary>
public static class PcscAdvice
{
    /// <summary>What to do when PC/SC cannot be reached, on this operating system.</summary>
    public static string HowToStart =>
        OperatingSystem.IsWindows() ? "start the Smart Card service (sc start SCardSvr, or services.msc > Smart Card)"
        : OperatingSystem.IsLinux() ? "start pcscd (sudo systemctl start pcscd.socket; Debian package pcscd)"
        : OperatingSystem.IsMacOS() ? "plug in a reader: macOS starts its smart-card service (com.apple.ctkpcscd) for one"
        : "start the system's PC/SC service";
}
