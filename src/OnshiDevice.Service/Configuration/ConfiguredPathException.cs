namespace OnshiDevice.Service.Configuration;

/// <summary>A configured path the service cannot work with; the message names the setting and the full path it looked at.</summary>
public sealed class ConfiguredPathException : Exception
{
    public ConfiguredPathException()
    {
    }

    public ConfiguredPathException(string message)
        : base(message)
    {
    }

    public ConfiguredPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
