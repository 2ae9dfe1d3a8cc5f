namespace OnshiDevice.Server;

/// <summary>A command line onshi-device cannot start with: one line on stderr and exit 1.</summary>
internal sealed class HostUsageException : Exception
{
    public HostUsageException()
    {
    }

    public HostUsageException(string message)
        : base(message)
    {
    }

    public HostUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
