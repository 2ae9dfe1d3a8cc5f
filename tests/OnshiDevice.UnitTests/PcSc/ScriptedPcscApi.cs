using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

/// <summary>
/// A hand-written <see cref="IPcscApi"/> whose readers, cards and service state a test changes
/// while other code waits on it. GetStatusChange behaves like pcsc-lite: it returns at once when an
/// entry's state or event counter differs from what the caller passed, otherwise blocks until a change,
/// the timeout, or Cancel.
/// </summary>
internal sealed class ScriptedPcscApi : IPcscApi
{
    private readonly object _lock = new();
    private readonly List<Reader> _readers = [];
    private readonly HashSet<nint> _contexts = [];
    private readonly HashSet<nint> _cancelled = [];
    private readonly Dictionary<nint, int> _waiting = [];
    private nint _nextHandle = 100;
    private int _readerGeneration;
    private bool _serviceRunning = true;

    public string Name => "scripted";

    /// <summary>When false the PnP pseudo-reader reads as UNKNOWN, as on platforms without it.</summary>
    public bool PnpSupported { get; set; } = true;

    /// <summary>When true a wait naming a reader that is not there fails with UnknownReader (pcsc-lite) instead of reporting it UNKNOWN.</summary>
    public bool UnknownReaderIsError { get; set; }

    public int EstablishAttempts { get; private set; }

    public int FailedEstablishAttempts { get; private set; }

    public int ListReadersCalls { get; private set; }

    public int OpenContexts
    {
        get
        {
            lock (_lock)
            {
                return _contexts.Count;
            }
        }
    }

    public int ActiveWaits
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Values.Sum();
            }
        }
    }

    // Card-side script for connection tests.
    public Queue<PcscErrorCode> BeginTransactionResults { get; } = new();

    public List<string> CardCalls { get; } = [];

    public Func<byte[], byte[]> Card { get; set; } = _ => [0x90, 0x00];

    public int LastTransmitBufferLength { get; private set; }

    public Func<uint, (PcscErrorCode Code, byte[] Output)> ControlHandler { get; set; } = _ => (PcscErrorCode.Unexpected, []);

    public void AddReader(string name) => Change(() =>
    {
        _readers.Add(new Reader(name));
        _readerGeneration++;
    });

    public void RemoveReader(string name) => Change(() =>
    {
        _readers.RemoveAll(reader => reader.Name == name);
        _readerGeneration++;
    });

    public void InsertCard(string name, byte[] atr, bool mute = false) => Change(() =>
    {
        var reader = Find(name);
        reader.State = ReaderStatus.Present | (mute ? ReaderStatus.Mute : 0);
        reader.Atr = atr;
        reader.EventCount++;
    });

    /// <summary>Sets a reader's state flags directly (Unavailable, Mute...), counting it as a card event.</summary>
    public void SetReaderState(string name, ReaderStatus state, byte[] atr) => Change(() =>
    {
        var reader = Find(name);
        reader.State = state;
        reader.Atr = atr;
        reader.EventCount++;
    });

    /// <summary>When set, EstablishContext throws it, as a P/Invoke does when the library is missing.</summary>
    public volatile Exception? EstablishThrows;

    /// <summary>When not Success, EstablishContext returns it (pcscd at its client cap: SCARD_F_COMM_ERROR).</summary>
    public PcscErrorCode EstablishRefusal { get; set; }

    public void RemoveCard(string name) => Change(() =>
    {
        var reader = Find(name);
        reader.State = ReaderStatus.Empty;
        reader.Atr = [];
        reader.EventCount++;
    });

    /// <summary>Out and in again within one instant: same state and ATR, only the counter tells.</summary>
    public void ReinsertCard(string name) => Change(() => Find(name).EventCount += 2);

    /// <summary>Stops the service: waits fail with NoService, contexts die, establishing fails.</summary>
    public void StopService() => Change(() =>
    {
        _serviceRunning = false;
        _contexts.Clear();
    });

    public void StartService() => Change(() => _serviceRunning = true);

    public PcscErrorCode EstablishContext(ContextScope scope, out nint context)
    {
        lock (_lock)
        {
            EstablishAttempts++;
            if (EstablishThrows is not null)
            {
                FailedEstablishAttempts++;
                throw EstablishThrows;
            }

            if (!_serviceRunning)
            {
                FailedEstablishAttempts++;
                context = 0;
                return PcscErrorCode.NoService;
            }

            if (EstablishRefusal != PcscErrorCode.Success)
            {
                FailedEstablishAttempts++;
                context = 0;
                return EstablishRefusal;
            }

            context = _nextHandle++;
            _contexts.Add(context);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode ReleaseContext(nint context)
    {
        lock (_lock)
        {
            return _contexts.Remove(context) ? PcscErrorCode.Success : PcscErrorCode.InvalidHandle;
        }
    }

    public PcscErrorCode IsValidContext(nint context)
    {
        lock (_lock)
        {
            return _contexts.Contains(context) ? PcscErrorCode.Success : PcscErrorCode.InvalidHandle;
        }
    }

    public PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers)
    {
        lock (_lock)
        {
            ListReadersCalls++;
            readers = [];
            var code = ContextCode(context);
            if (code != PcscErrorCode.Success)
            {
                return code;
            }

            if (_readers.Count == 0)
            {
                return PcscErrorCode.NoReadersAvailable;
            }

            readers = _readers.Select(reader => reader.Name).ToList();
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode GetStatusChange(nint context, int timeoutMilliseconds, ReaderStateQuery[] states)
    {
        var deadline = timeoutMilliseconds < 0 ? DateTime.MaxValue : DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        lock (_lock)
        {
            _waiting[context] = _waiting.GetValueOrDefault(context) + 1;
            try
            {
                while (true)
                {
                    var code = ContextCode(context);
                    if (code != PcscErrorCode.Success)
                    {
                        return code;
                    }

                    if (_cancelled.Remove(context))
                    {
                        return PcscErrorCode.Cancelled;
                    }

                    if (UnknownReaderIsError && states.Any(state =>
                        state.ReaderName != ReaderStateQuery.PnpNotification && !_readers.Exists(r => r.Name == state.ReaderName)))
                    {
                        return PcscErrorCode.UnknownReader;
                    }

                    var changed = false;
                    foreach (var state in states)
                    {
                        changed |= Fill(state);
                    }

                    if (changed)
                    {
                        return PcscErrorCode.Success;
                    }

                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero)
                    {
                        return PcscErrorCode.Timeout;
                    }

                    Monitor.Wait(_lock, remaining > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : remaining);
                }
            }
            finally
            {
                _waiting[context]--;
            }
        }
    }

    public PcscErrorCode Cancel(nint context)
    {
        lock (_lock)
        {
            // Like pcsc-lite, a cancel only ends a wait that is in progress.
            if (_waiting.GetValueOrDefault(context) > 0)
            {
                _cancelled.Add(context);
                Monitor.PulseAll(_lock);
            }

            return ContextCode(context);
        }
    }

    public PcscErrorCode Connect(nint context, string readerName, ShareMode shareMode, Protocols preferredProtocols, out nint card, out Protocols activeProtocol)
    {
        lock (_lock)
        {
            card = 0;
            activeProtocol = Protocols.Undefined;
            var code = ContextCode(context);
            if (code != PcscErrorCode.Success)
            {
                return code;
            }

            var reader = _readers.Find(r => r.Name == readerName);
            if (reader is null)
            {
                return PcscErrorCode.UnknownReader;
            }

            if (!reader.State.HasFlag(ReaderStatus.Present))
            {
                return PcscErrorCode.NoSmartcard;
            }

            card = _nextHandle++;
            activeProtocol = Protocols.T1;
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol)
    {
        CardCalls.Add($"Reconnect {shareMode} {preferredProtocols} {initialization}");
        activeProtocol = Protocols.T1;
        return PcscErrorCode.Success;
    }

    public PcscErrorCode Disconnect(nint card, Disposition disposition)
    {
        CardCalls.Add($"Disconnect {disposition}");
        return PcscErrorCode.Success;
    }

    public PcscErrorCode BeginTransaction(nint card)
    {
        CardCalls.Add("BeginTransaction");
        return BeginTransactionResults.TryDequeue(out var code) ? code : PcscErrorCode.Success;
    }

    public PcscErrorCode EndTransaction(nint card, Disposition disposition)
    {
        CardCalls.Add($"EndTransaction {disposition}");
        return PcscErrorCode.Success;
    }

    public PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength)
    {
        LastTransmitBufferLength = response.Length;
        var answer = Card(command.ToArray());
        if (answer.Length > response.Length)
        {
            responseLength = 0;
            return PcscErrorCode.InsufficientBuffer;
        }

        answer.CopyTo(response);
        responseLength = answer.Length;
        return PcscErrorCode.Success;
    }

    /// <summary>Codes SCardStatus returns, one per call, before it settles on success.</summary>
    public Queue<PcscErrorCode> StatusResults { get; } = new();

    public PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr)
    {
        if (StatusResults.TryDequeue(out var scripted) && scripted != PcscErrorCode.Success)
        {
            readerName = "";
            protocol = Protocols.Undefined;
            atr = [];
            return scripted;
        }

        readerName = "scripted";
        protocol = Protocols.T1;
        atr = [0x3B, 0x00];
        return PcscErrorCode.Success;
    }

    public PcscErrorCode Control(nint card, uint controlCode, ReadOnlySpan<byte> input, Span<byte> output, out int outputLength)
    {
        CardCalls.Add($"Control {controlCode:X8}");
        var (code, bytes) = ControlHandler(controlCode);
        outputLength = Math.Min(bytes.Length, output.Length);
        bytes.AsSpan(0, outputLength).CopyTo(output);
        return code;
    }

    public PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength)
    {
        attributeLength = 0;
        return PcscErrorCode.UnsupportedFeature;
    }

    private PcscErrorCode ContextCode(nint context) =>
        !_serviceRunning ? PcscErrorCode.NoService
        : _contexts.Contains(context) ? PcscErrorCode.Success
        : PcscErrorCode.InvalidHandle;

    private bool Fill(ReaderStateQuery state)
    {
        if (state.ReaderName == ReaderStateQuery.PnpNotification)
        {
            if (!PnpSupported)
            {
                state.EventState = ReaderStatus.Unknown | ReaderStatus.Changed;
                return true;
            }

            var pnpChanged = state.CurrentEventCount != (_readerGeneration & 0xFFFF);
            state.EventState = pnpChanged ? ReaderStatus.Changed : ReaderStatus.Unaware;
            state.EventCount = _readerGeneration & 0xFFFF;
            return pnpChanged;
        }

        var reader = _readers.Find(r => r.Name == state.ReaderName);
        if (reader is null)
        {
            state.EventState = ReaderStatus.Unknown | ReaderStatus.Changed;
            return true;
        }

        var changed = state.CurrentState != reader.State || state.CurrentEventCount != reader.EventCount;
        state.EventState = reader.State | (changed ? ReaderStatus.Changed : 0);
        state.EventCount = reader.EventCount;
        state.Atr = reader.Atr;
        return changed;
    }

    private Reader Find(string name) => _readers.Find(reader => reader.Name == name)
        ?? throw new InvalidOperationException($"No reader {name} in the script.");

    private void Change(Action change)
    {
        lock (_lock)
        {
            change();
            Monitor.PulseAll(_lock);
        }
    }

    private sealed class Reader(string name)
    {
        public string Name { get; } = name;

        public ReaderStatus State { get; set; } = ReaderStatus.Empty;

        public int EventCount { get; set; }

        public byte[] Atr { get; set; } = [];
    }
}
