namespace OnshiDevice.PcSc;

// SHAPE ONLY: the PC/SC helper replaces the bodies.
public sealed class CardConnection : IDisposable
{
    private CardConnection() => throw new NotImplementedException();

    public string ReaderName => throw new NotImplementedException();

    public Protocols ActiveProtocol => throw new NotImplementedException();

    /// <summary>The card's answer-to-reset, read with SCardStatus.</summary>
    public byte[] GetAtr() => throw new NotImplementedException();

    /// <summary>Sends a command APDU and returns the whole response (data and status word).</summary>
    public byte[] Transmit(ReadOnlySpan<byte> command) => throw new NotImplementedException();

    public CardTransaction BeginTransaction() => throw new NotImplementedException();

    public void Reconnect(ShareMode shareMode, Protocols preferredProtocols, Disposition initialization) => throw new NotImplementedException();

    /// <summary>The largest APDU data field the reader carries, when the reader tells (CCID TLV properties); null when unknown.</summary>
    public int? GetMaxApduDataSize() => throw new NotImplementedException();

    public void Disconnect(Disposition disposition) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
