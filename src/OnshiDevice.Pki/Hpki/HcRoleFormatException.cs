namespace OnshiDevice.Pki.Hpki;

/// <summary>The SubjectDirectoryAttributes or its hcRole attribute does not follow the HPKI ASN.1.</summary>
public sealed class HcRoleFormatException : Exception
{
    public HcRoleFormatException()
    {
    }

    public HcRoleFormatException(string message)
        : base(message)
    {
    }

    public HcRoleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
