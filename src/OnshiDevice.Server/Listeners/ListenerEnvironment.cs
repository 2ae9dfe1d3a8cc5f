namespace OnshiDevice.Server.Listeners;

/// <summary>The facts of the machine the listener defaults depend on; tests state their own.</summary>
internal sealed record ListenerEnvironment(
    bool IsWindows,
    bool IsRoot,
    Func<string, string?> Variable,
    Func<string, bool> IsWritableDirectory,
    Func<string, uint?> GroupId)
{
    public static ListenerEnvironment Current { get; } = OperatingSystem.IsWindows()
        ? new ListenerEnvironment(true, Environment.IsPrivilegedProcess, Environment.GetEnvironmentVariable, _ => false, _ => null)
        : new ListenerEnvironment(false, Environment.IsPrivilegedProcess, Environment.GetEnvironmentVariable, UnixNative.IsWritableDirectory, UnixNative.GroupId);
}
