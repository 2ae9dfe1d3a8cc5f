namespace OnshiDevice.Iso7816;

/// <summary>
/// Something that carries one command APDU to a card and brings back its response:
/// a PC/SC connection, a test double, a decorator that handles 61xx / 6Cxx.
/// The transport does not interpret status words.
/// </summary>
public interface IApduChannel
{
    /// <summary>Whether extended-length APDUs may be tried on this channel (false: short APDUs only).</summary>
    bool SupportsExtendedLength { get; }

    ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default);
}
