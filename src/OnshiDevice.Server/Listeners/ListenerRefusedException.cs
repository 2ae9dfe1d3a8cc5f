namespace OnshiDevice.Server.Listeners;

/// <summary>
/// The listener settings, or what the server really bound, break the address rules: the host prints the message
/// as one line and exits 1. The message names the setting to change.
/// </summary>
internal sealed class ListenerRefusedException : Exception
{
    public ListenerRefusedException()
    {
    }

    public ListenerRefusedException(string message)
        : base(message)
    {
    }

    public ListenerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
