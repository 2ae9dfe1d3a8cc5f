using System.Collections.Concurrent;
using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.Service;

/// <summary>
/// A PC/SC service with fixed readers whose cards answer through a delegate; records how
/// transactions end, so tests see what the service leaves behind on the card.
/// </summary>
internal sealed class FakePcscApi : IPcscApi
{
    private readonly ConcurrentDictionary<nint, string> _cards = new();
    private long _nextHandle = 100;

    public FakePcscApi(params string[] readers)
    {
        Readers = readers;
    }

    /// <summary>The readers attached now; tests replace it to detach one.</summary>

    public string Name => "fake";

    public IReadOnlyList<string> Readers { get; set; }

    /// <summary>Answers a command for the card in the named reader.</summary>
    public Func<string, byte[], byte[]> Card { get; set; } = (_, _) => [0x90, 0x00];

    public ConcurrentQueue<Disposition> TransactionEnds { get; } = new();

    /// <summary>What SCardEstablishContext returns (pcscd at its client cap refuses with a communication error).</summary>
    public PcscErrorCode EstablishResult { get; set; } = PcscErrorCode.Success;

    /// <summary>When set, SCardTransmit fails with it instead of asking the card.</summary>
    public PcscErrorCode? TransmitFailure { get; set; }

    /// <summary>What SCardStatus returns: Success while the card is there, RemovedCard once it left.</summary>
    public PcscErrorCode StatusResult { get; set; } = PcscErrorCode.Success;

    public int Connects => _connects;

    public int ContextsEstablished => _contextsEstablished;

    /// <summary>Contexts made before this PC/SC "restart" answer InvalidHandle, as pcsc-lite's do after pcscd restarts.</summary>
    public void RestartService() => _firstLiveContext = Interlocked.Read(ref _nextHandle) + 1;

    private int _connects;
    private int _contextsEstablished;
    private long _firstLiveContext;

    public PcscErrorCode EstablishContext(ContextScope scope, out nint context)
    {
        if (EstablishResult != PcscErrorCode.Success)
        {
            context = 0;
            return EstablishResult;
        }

        Interlocked.Increment(ref _contextsEstablished);
        context = (nint)Interlocked.Increment(ref _nextHandle);
        return PcscErrorCode.Success;
    }

    public PcscErrorCode ReleaseContext(nint context) => PcscErrorCode.Success;

    public PcscErrorCode IsValidContext(nint context) => PcscErrorCode.Success;

    public PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers)
    {
        readers = Readers;
        return PcscErrorCode.Success;
    }

    public PcscErrorCode GetStatusChange(nint context, int timeoutMilliseconds, ReaderStateQuery[] states) => PcscErrorCode.Timeout;

    public PcscErrorCode Cancel(nint context) => PcscErrorCode.Success;

    public PcscErrorCode Connect(nint context, string readerName, ShareMode shareMode, Protocols preferredProtocols, out nint card, out Protocols activeProtocol)
    {
        Interlocked.Increment(ref _connects);
        if (context < _firstLiveContext)
        {
            card = 0;
            activeProtocol = Protocols.Undefined;
            return PcscErrorCode.InvalidHandle;
        }

        if (!Readers.Contains(readerName))
        {
            card = 0;
            activeProtocol = Protocols.Undefined;
            return PcscErrorCode.UnknownReader;
        }

        card = (nint)Interlocked.Increment(ref _nextHandle);
        _cards[card] = readerName;
        activeProtocol = Protocols.T1;
        return PcscErrorCode.Success;
    }

    public PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol)
    {
        activeProtocol = Protocols.T1;
        return PcscErrorCode.Success;
    }

    public PcscErrorCode Disconnect(nint card, Disposition disposition) => PcscErrorCode.Success;

    public PcscErrorCode BeginTransaction(nint card) => PcscErrorCode.Success;

    public PcscErrorCode EndTransaction(nint card, Disposition disposition)
    {
        TransactionEnds.Enqueue(disposition);
        return PcscErrorCode.Success;
    }

    public PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength)
    {
        if (TransmitFailure is { } failure)
        {
            responseLength = 0;
            return failure;
        }

        var answer = Card(_cards[card], command.ToArray());
        answer.CopyTo(response);
        responseLength = answer.Length;
        return PcscErrorCode.Success;
    }

    public PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr)
    {
        readerName = _cards[card];
        protocol = Protocols.T1;
        atr = [0x3B, 0x00];
        return StatusResult;
    }

    public PcscErrorCode Control(nint card, uint controlCode, ReadOnlySpan<byte> input, Span<byte> output, out int outputLength)
    {
        outputLength = 0;
        return PcscErrorCode.UnsupportedFeature;
    }

    public PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength)
    {
        attributeLength = 0;
        return PcscErrorCode.UnsupportedFeature;
    }
}
