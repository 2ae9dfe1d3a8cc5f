namespace OnshiDevice.Iso7816;

/// <summary>
/// Hides the two transport-level status words of ISO/IEC 7816-4 §5.3.4 from the card code:
/// 61xx (more data: fetch it with GET RESPONSE and concatenate) and 6Cxx (wrong Le: send the
/// same command again with Ne = xx). Both loops are bounded so a card that never stops chaining
/// ends in <see cref="MalformedResponseException"/> instead of a hang.
/// </summary>
public sealed class ResponseChainingChannel : IApduChannel
{
    /// <summary>The most GET RESPONSE rounds for one command.</summary>
    public const int MaxGetResponseRounds = 64;

    /// <summary>The most response data bytes one command may collect across GET RESPONSE rounds.</summary>
    public const int MaxResponseLength = CommandApdu.MaxExtendedNe + 256;

    private readonly IApduChannel _inner;

    public ResponseChainingChannel(IApduChannel inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public ApduLimits Limits => _inner.Limits;

    /// <summary>Wraps a channel unless it already chains, so layers can wrap without stacking decorators.</summary>
    public static IApduChannel Wrap(IApduChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel as ResponseChainingChannel ?? new ResponseChainingChannel(channel);
    }

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var response = _inner.Transmit(command, cancellationToken);

        // Only a command that expects data has an Le to correct. Re-sending a case 1 or 3 command
        // (a VERIFY with a PIN) would repeat its effect, so those get their 6Cxx back unchanged.
        if (response.StatusWord.IsWrongLeWithExactLength && command.Ne > 0)
        {
            var exactNe = response.StatusWord.Sw2 == 0 ? CommandApdu.MaxShortNe : response.StatusWord.Sw2;
            cancellationToken.ThrowIfCancellationRequested();
            response = _inner.Transmit(command.WithNe(exactNe), cancellationToken);
            if (response.StatusWord.IsWrongLeWithExactLength)
            {
                throw new MalformedResponseException($"The card answered {response.StatusWord} again after the command was re-sent with the Le it asked for.");
            }
        }

        return response.StatusWord.IsMoreDataAvailable ? CollectChain(response, cancellationToken) : response;
    }

    private ResponseApdu CollectChain(ResponseApdu first, CancellationToken cancellationToken)
    {
        var collected = new List<byte>(first.Data.Length + 256);
        collected.AddRange(first.Data.Span);
        var response = first;
        for (var round = 0; response.StatusWord.IsMoreDataAvailable; round++)
        {
            if (round == MaxGetResponseRounds)
            {
                throw new MalformedResponseException($"The card still had more data after {MaxGetResponseRounds} GET RESPONSE rounds.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var available = response.StatusWord.Sw2 == 0 ? CommandApdu.MaxShortNe : response.StatusWord.Sw2;
            response = _inner.Transmit(GetResponse(available), cancellationToken);
            collected.AddRange(response.Data.Span);
            if (collected.Count > MaxResponseLength)
            {
                throw new MalformedResponseException($"The chained response grew past {MaxResponseLength} bytes.");
            }
        }

        return new ResponseApdu(collected.ToArray(), response.StatusWord);
    }

    // The cards this project reads use logical channel 0 only, so GET RESPONSE is always CLA 00.
    private static CommandApdu GetResponse(int ne) => new(0x00, 0xC0, 0x00, 0x00, ne: ne);
}
