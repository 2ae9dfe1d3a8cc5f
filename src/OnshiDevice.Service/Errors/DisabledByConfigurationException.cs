namespace OnshiDevice.Service.Errors;

/// <summary>The call is one the configuration turns off; raised before any card is touched. <see cref="Setting"/> turns it on.</summary>
public sealed class DisabledByConfigurationException : Exception
{
    public DisabledByConfigurationException()
    {
    }

    public DisabledByConfigurationException(string message)
        : base(message)
    {
    }

    public DisabledByConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DisabledByConfigurationException(string message, string setting)
        : base(message)
    {
        Setting = setting;
    }

    /// <summary>The configuration key that enables the call, e.g. "OnshiDevice:AllowJpkiSigningCertificateRead".</summary>
    public string Setting { get; } = "";
}
