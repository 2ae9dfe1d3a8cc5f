using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards;

internal static class ApduChannelExtensions
{
    /// <summary>Checks for cancellation before every APDU, so a cancelled call stops between commands, never inside one.</summary>
    public static ResponseApdu TransmitChecked(this IApduChannel channel, CommandApdu command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return channel.Transmit(command, cancellationToken);
    }
}
