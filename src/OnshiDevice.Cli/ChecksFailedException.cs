namespace OnshiDevice.Cli;

/// <summary>A check command printed its checklist and at least one item failed: exit with <see cref="ExitCodes.ChecksFailed"/>, printing nothing more.</summary>
internal sealed class ChecksFailedException : Exception
{
    public ChecksFailedException()
        : base("At least one check failed.")
    {
    }

    public ChecksFailedException(string message)
        : base(message)
    {
    }

    public ChecksFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code: <see cref="ExitCodes.ChecksFailed"/>, or <see cref="ExitCodes.NeedsAttention"/> when only warnings were found.</summary>
    public int ExitCode { get; init; } = ExitCodes.ChecksFailed;
}
