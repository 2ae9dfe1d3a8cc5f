using OnshiDevice.PcSc;

namespace OnshiDevice.Benchmarks.Hub;

/// <summary>The native PC/SC binding, counting the contexts the service holds open (each is one pcscd client in pcsc-lite).</summary>
internal sealed class CountingPcscApi(IPcscApi inner) : IPcscApi
{
    private int _open;

    public int OpenContexts => Volatile.Read(ref _open);

    public string Name => inner.Name;

    public PcscErrorCode EstablishContext(ContextScope scope, out nint context)
    {
        var code = inner.EstablishContext(scope, out context);
        if (code == PcscErrorCode.Success)
        {
            Interlocked.Increment(ref _open);
        }

        return code;
    }

    public PcscErrorCode ReleaseContext(nint context)
    {
        Interlocked.Decrement(ref _open);
        return inner.ReleaseContext(context);
    }

    public PcscErrorCode IsValidContext(nint context) => inner.IsValidContext(context);

    public PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers) => inner.ListReaders(context, out readers);

    public PcscErrorCode GetStatusChange(nint context, int timeoutMilliseconds, ReaderStateQuery[] states) => inner.GetStatusChange(context, timeoutMilliseconds, states);

    public PcscErrorCode Cancel(nint context) => inner.Cancel(context);

    public PcscErrorCode Connect(nint context, string readerName, ShareMode shareMode, Protocols preferredProtocols, out nint card, out Protocols activeProtocol) =>
        inner.Connect(context, readerName, shareMode, preferredProtocols, out card, out activeProtocol);

    public PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol) =>
        inner.Reconnect(card, shareMode, preferredProtocols, initialization, out activeProtocol);

    public PcscErrorCode Disconnect(nint card, Disposition disposition) => inner.Disconnect(card, disposition);

    public PcscErrorCode BeginTransaction(nint card) => inner.BeginTransaction(card);

    public PcscErrorCode EndTransaction(nint card, Disposition disposition) => inner.EndTransaction(card, disposition);

    public PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength) =>
        inner.Transmit(card, protocol, command, response, out responseLength);

    public PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr) => inner.Status(card, out readerName, out protocol, out atr);

    public PcscErrorCode Control(nint card, uint controlCode, ReadOnlySpan<byte> input, Span<byte> output, out int outputLength) =>
        inner.Control(card, controlCode, input, output, out outputLength);

    public PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength) => inner.GetAttrib(card, attributeId, buffer, out attributeLength);
}
