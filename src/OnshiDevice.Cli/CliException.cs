namespace OnshiDevice.Cli;

/// <summary>A failure the CLI reports as one line, with the reason in brackets when there is one.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException(string message, string? reason)
        : base(message)
    {
        Reason = reason;
    }

    public string? Reason { get; }
}
