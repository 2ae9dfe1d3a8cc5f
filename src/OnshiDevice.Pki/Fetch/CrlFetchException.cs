namespace OnshiDevice.Pki.Fetch;

/// <summary>A fetch that cannot start: no CRL folder, or a folder that is not there. The message names the setting.</summary>
public sealed class CrlFetchException : Exception
{
    public CrlFetchException()
    {
    }

    public CrlFetchException(string message)
        : base(message)
    {
    }

    public CrlFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
