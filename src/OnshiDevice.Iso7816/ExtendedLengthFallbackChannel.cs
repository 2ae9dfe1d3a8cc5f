namespace OnshiDevice.Iso7816;

/// <summary>
/// Sends each logical command in the form the connection carries, so card code never branches on
/// extended versus short APDUs. A command that fits the channel's <see cref="IApduChannel.Limits"/> goes
/// whole, as one extended APDU where needed (the fewest APDUs); a command that does not, or any extended
/// command once the card or reader has refused one, goes short: its data by <see cref="CommandChaining"/>,
/// its Ne capped at 256 (a READ BINARY then returns less than asked, and the caller reads on).
/// </summary>
/// <remarks>
/// "Refused" is learned once per connection: the answer 6700 (wrong length) or 6D00 (the card cannot
/// parse the extended form) to an extended APDU, or an <see cref="ExtendedLengthRefusedException"/> from
/// the transport. Either way the card did not execute the command, so sending it again short is safe.
/// From then on <see cref="Limits"/> reports short APDUs only. One instance belongs to one connection.
/// </remarks>
public sealed class ExtendedLengthFallbackChannel : IApduChannel
{
    private readonly IApduChannel _inner;
    private bool _extendedRefused;

    public ExtendedLengthFallbackChannel(IApduChannel inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public ApduLimits Limits => _extendedRefused ? ApduLimits.Short : _inner.Limits;

    /// <summary>Whether an extended APDU was refused on this connection.</summary>
    public bool ExtendedRefused => _extendedRefused;

    /// <summary>
    /// The stack card code talks through: this decorator over <see cref="ResponseChainingChannel"/> over
    /// <paramref name="channel"/>; a channel that already is one is returned as it is, so layers can wrap
    /// without stacking decorators or forgetting what the connection learned.
    /// </summary>
    public static IApduChannel Wrap(IApduChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel as ExtendedLengthFallbackChannel ?? new ExtendedLengthFallbackChannel(ResponseChainingChannel.Wrap(channel));
    }

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        if (!command.IsExtended)
        {
            return _inner.Transmit(command, cancellationToken);
        }

        if (!_extendedRefused)
        {
            var limits = _inner.Limits;
            if (limits.CarriesExtended && command.Nc <= limits.MaxCommandData)
            {
                var whole = command.Ne > limits.MaxResponseData ? command.WithNe(limits.MaxResponseData) : command;
                if (TrySendWhole(whole, cancellationToken) is { } response)
                {
                    return response;
                }
            }
        }

        return SendShort(command, cancellationToken);
    }

    private ResponseApdu? TrySendWhole(CommandApdu command, CancellationToken cancellationToken)
    {
        if (!command.IsExtended)
        {
            return _inner.Transmit(command, cancellationToken);
        }

        ResponseApdu response;
        try
        {
            response = _inner.Transmit(command, cancellationToken);
        }
        catch (ExtendedLengthRefusedException)
        {
            _extendedRefused = true;
            return null;
        }

        if (response.StatusWord == StatusWord.WrongLength || response.StatusWord == StatusWord.InstructionNotSupported)
        {
            _extendedRefused = true;
            return null;
        }

        return response;
    }

    private ResponseApdu SendShort(CommandApdu command, CancellationToken cancellationToken)
    {
        var shortNe = command.WithNe(Math.Min(command.Ne, CommandApdu.MaxShortNe));
        cancellationToken.ThrowIfCancellationRequested();
        return shortNe.Nc <= CommandApdu.MaxShortNc
            ? _inner.Transmit(shortNe, cancellationToken)
            : CommandChaining.Transmit(_inner, shortNe, cancellationToken);
    }
}
