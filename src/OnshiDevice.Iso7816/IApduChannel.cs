namespace OnshiDevice.Iso7816;

/// <summary>
/// Something that carries one command APDU to a card and brings back its response:
/// a PC/SC connection, a test double, a decorator that handles 61xx / 6Cxx or chains commands.
/// The transport does not interpret status words.
/// </summary>
public interface IApduChannel
{
    /// <summary>The largest command and response data fields one APDU may carry on this channel.</summary>
    ApduLimits Limits { get; }

    ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default);
}
