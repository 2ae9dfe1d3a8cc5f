using System.Buffers;

namespace OnshiDevice.PcSc;

/// <summary>
/// An SCARDHANDLE: a connection to the card in one reader.
/// </summary>
/// <remarks>
/// Thread-safety: not thread-safe. A connection belongs to one caller at a time (the service hands it
/// to one RPC, which runs its APDUs inside one <see cref="CardTransaction"/>). Dispose it before the
/// <see cref="PcscContext"/> it came from.
/// </remarks>
public sealed class CardConnection : IDisposable
{
    /// <summary>Largest response: 65536 data bytes of an extended Le, the status word, and two spare.</summary>
    public const int MaxResponseLength = 65538 + 2;

    private readonly IPcscApi _api;
    private readonly nint _card;
    private readonly ShareMode _shareMode;
    private readonly Protocols _preferredProtocols;
    private bool _disconnected;

    internal CardConnection(IPcscApi api, nint card, string readerName, ShareMode shareMode, Protocols preferredProtocols, Protocols activeProtocol)
    {
        _api = api;
        _card = card;
        ReaderName = readerName;
        _shareMode = shareMode;
        _preferredProtocols = preferredProtocols;
        ActiveProtocol = activeProtocol;
    }

    public string ReaderName { get; }

    public Protocols ActiveProtocol { get; private set; }

    /// <summary>The card's answer-to-reset, read with SCardStatus.</summary>
    public byte[] GetAtr()
    {
        ThrowIfDisconnected();
        var code = _api.Status(_card, out _, out _, out var atr);
        ThrowOnError(code, "SCardStatus");
        return atr;
    }

    /// <summary>Sends a command APDU and returns the whole response (data and status word).</summary>
    public byte[] Transmit(ReadOnlySpan<byte> command)
    {
        ThrowIfDisconnected();
        var buffer = ArrayPool<byte>.Shared.Rent(MaxResponseLength);
        try
        {
            var code = _api.Transmit(_card, ActiveProtocol, command, buffer.AsSpan(0, MaxResponseLength), out var length);
            ThrowOnError(code, "SCardTransmit");
            if (length < 2)
            {
                ThrowForMissingStatusWord();
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            // The buffer held card data (possibly a PIN echo or a key); do not hand it on dirty.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>
    /// Takes exclusive use of the card until the transaction ends. When another handle reset the card
    /// since this one last used it, the connection is re-established once (leaving the card as it is)
    /// and the transaction begun again; <see cref="CardTransaction.CardWasReset"/> then tells the
    /// caller that state on the card (selected application, verified PIN) is gone.
    /// </summary>
    public CardTransaction BeginTransaction()
    {
        ThrowIfDisconnected();
        var code = _api.BeginTransaction(_card);
        var wasReset = false;
        if (code == PcscErrorCode.ResetCard)
        {
            wasReset = true;
            Reconnect(_shareMode, _preferredProtocols, Disposition.LeaveCard);
            code = _api.BeginTransaction(_card);
        }

        ThrowOnError(code, "SCardBeginTransaction");
        return new CardTransaction(_api, _card, wasReset);
    }

    public void Reconnect(ShareMode shareMode, Protocols preferredProtocols, Disposition initialization)
    {
        ThrowIfDisconnected();
        var code = _api.Reconnect(_card, shareMode, preferredProtocols, initialization, out var activeProtocol);
        ThrowOnError(code, "SCardReconnect");
        ActiveProtocol = activeProtocol;
    }

    /// <summary>
    /// The largest APDU data field the reader carries, when the reader tells (CCID TLV properties; 0 is
    /// the CCID driver's "short APDUs only"); null when unknown.
    /// </summary>
    /// <exception cref="CardRemovedException">The card went away; other failures mean "the reader does not tell".</exception>
    /// <exception cref="PcscServiceUnavailableException">The PC/SC service went away.</exception>
    public int? GetMaxApduDataSize()
    {
        ThrowIfDisconnected();
        Span<byte> answer = stackalloc byte[256];
        var code = _api.Control(_card, PcscApi.ControlCode(ReaderFeatures.GetFeatureRequestFunction), [], answer, out var length);
        if (code != PcscErrorCode.Success)
        {
            ThrowIfGone(code);
            return null;
        }

        if (!ReaderFeatures.TryFindFeature(answer[..length], ReaderFeatures.GetTlvPropertiesFeature, out var propertiesCode))
        {
            return null;
        }

        code = _api.Control(_card, propertiesCode, [], answer, out length);
        if (code != PcscErrorCode.Success)
        {
            ThrowIfGone(code);
            return null;
        }

        return ReaderFeatures.TryFindProperty(answer[..length], ReaderFeatures.MaxApduDataSizeProperty, out var size)
            && size <= int.MaxValue
                ? (int)size
                : null;
    }

    public void Disconnect(Disposition disposition)
    {
        ThrowIfDisconnected();
        _disconnected = true;
        var code = _api.Disconnect(_card, disposition);
        ThrowOnError(code, "SCardDisconnect");
    }

    /// <summary>Disconnects leaving the card as it is, unless already disconnected. Never throws.</summary>
    public void Dispose()
    {
        if (!_disconnected)
        {
            _disconnected = true;
            _ = _api.Disconnect(_card, Disposition.LeaveCard);
        }
    }

    /// <summary>
    /// Whether the card this connection was made to has left the reader (or was taken off and put back: the
    /// handle then reports it removed too). pcscd notices a removal only at its next status poll of the reader
    /// (400 ms in pcsc-lite), so a call that just failed asks SCardStatus for up to <paramref name="settleTime"/>
    /// before it concludes that the card is still there. False also when PC/SC cannot tell (the service is gone).
    /// </summary>
    public bool CardLeft(TimeSpan settleTime)
    {
        ThrowIfDisconnected();
        var deadline = Environment.TickCount64 + (long)settleTime.TotalMilliseconds;
        while (true)
        {
            var code = _api.Status(_card, out _, out _, out _);
            if (code is PcscErrorCode.RemovedCard or PcscErrorCode.NoSmartcard)
            {
                return true;
            }

            if ((code != PcscErrorCode.Success && code != PcscErrorCode.ResetCard) || Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(25);
        }
    }

    /// <summary>
    /// A response without a status word is what pcscd hands back (with SCARD_S_SUCCESS) when the card
    /// left the reader while it was answering: vpcd, and drivers like it, lose the card mid-exchange and
    /// return zero bytes. Whether the card left is the card call's question (<see cref="CardLeft"/>); here
    /// it is a communication failure.
    /// </summary>
    private static void ThrowForMissingStatusWord() =>
        throw new PcscCommunicationException(PcscErrorCode.CommError, "SCardTransmit (no status word in the response)");

    private static void ThrowOnError(PcscErrorCode code, string operation)
    {
        if (code != PcscErrorCode.Success)
        {
            throw PcscException.FromCode(code, operation);
        }
    }

    private static void ThrowIfGone(PcscErrorCode code)
    {
        if (code is PcscErrorCode.RemovedCard or PcscErrorCode.NoSmartcard
            or PcscErrorCode.NoService or PcscErrorCode.ServiceStopped)
        {
            throw PcscException.FromCode(code, "SCardControl");
        }
    }

    private void ThrowIfDisconnected() => ObjectDisposedException.ThrowIf(_disconnected, this);
}
