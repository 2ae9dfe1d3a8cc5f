namespace OnshiDevice.Pki.Fetch;

/// <summary>A download that gave no CRL to check: <see cref="Outcome"/> says whether the server was unreachable or what it served was refused.</summary>
public sealed class CrlDownloadException : Exception
{
    public CrlDownloadException()
    {
    }

    public CrlDownloadException(string message)
        : base(message)
    {
    }

    public CrlDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CrlDownloadException(CrlFetchOutcome outcome, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Outcome = outcome;
    }

    public CrlFetchOutcome Outcome { get; } = CrlFetchOutcome.Unreachable;
}
