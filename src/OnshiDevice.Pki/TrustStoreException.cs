namespace OnshiDevice.Pki;

/// <summary>The trust configuration cannot be used: a folder is missing or a file in it is not a certificate.</summary>
public sealed class TrustStoreException : Exception
{
    public TrustStoreException()
    {
    }

    public TrustStoreException(string message)
        : base(message)
    {
    }

    public TrustStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
