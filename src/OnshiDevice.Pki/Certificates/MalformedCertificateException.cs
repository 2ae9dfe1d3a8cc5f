namespace OnshiDevice.Pki.Certificates;

/// <summary>A certificate or CRL is not well-formed DER of the expected structure.</summary>
public sealed class MalformedCertificateException : Exception
{
    public MalformedCertificateException()
    {
    }

    public MalformedCertificateException(string message)
        : base(message)
    {
    }

    public MalformedCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
