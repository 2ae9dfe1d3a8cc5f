using System.Buffers.Binary;
using System.Diagnostics;
using OnshiDevice.PcSc;

namespace OnshiDevice.Simulators.PcSc;

/// <summary>
/// An in-process PC/SC service with virtual readers: the binding above it runs unchanged. It
/// keeps pcsc-lite's semantics where the binding can observe them: contexts die with the
/// service, GetStatusChange blocks until a change, a timeout or SCardCancel (a cancel with no
/// call waiting is lost, as in pcsc-lite), the event counter steps on every insertion and
/// removal, the PnP pseudo-reader reports the reader count, a handle sees
/// SCARD_W_REMOVED_CARD / SCARD_W_RESET_CARD until it reconnects, transactions exclude other
/// handles' commands. <see cref="Faults"/> switches on the answers a healthy pcscd gives rarely; <see cref="Calls"/>
/// counts what it was asked.
/// </summary>
public sealed class SimulatedPcscApi : IPcscApi
{
    /// <summary>SCARD_CTL_CODE(3400) as pcsc-lite defines it: CM_IOCTL_GET_FEATURE_REQUEST.</summary>
    public const uint GetFeatureRequestControlCode = 0x42000000 + 3400;

    /// <summary>The ioctl the feature list names for FEATURE_GET_TLV_PROPERTIES (CCID driver numbering).</summary>
    public const uint GetTlvPropertiesControlCode = 0x42000000 + 0x330000 + FeatureGetTlvProperties;

    /// <summary>SCARD_ATTR_ATR_STRING.</summary>
    public const uint AtrAttribute = 0x00090303;

    private const byte FeatureGetTlvProperties = 0x12;
    private const byte PropertyMaxApduDataSize = 0x0A;
    private const int ShortCommandLimit = 4 + 1 + 255 + 1;
    private const int ShortResponseLimit = 256 + 2;

    private readonly object _gate = new();
    private readonly List<SimulatedReader> _readers = [];
    private readonly Dictionary<nint, ContextState> _contexts = [];
    private readonly Dictionary<nint, CardHandle> _handles = [];
    private bool _running = true;
    private long _nextId = 0x1000;
    private int _activeWaits;

    public string Name => "simulated";

    public SimulatedPcscFaults Faults { get; } = new();

    public SimulatedPcscCalls Calls { get; } = new();

    /// <summary>Contexts established and not yet released (a service stop drops them all).</summary>
    public int OpenContexts
    {
        get
        {
            lock (_gate)
            {
                return _contexts.Count;
            }
        }
    }

    /// <summary>SCardGetStatusChange calls blocked now; a test that sees one knows an SCardCancel will reach it.</summary>
    public int ActiveWaits
    {
        get
        {
            lock (_gate)
            {
                return _activeWaits;
            }
        }
    }

    /// <summary>How long BeginTransaction waits for another handle's transaction before giving up with SharingViolation (pcsc-lite would wait forever).</summary>
    public TimeSpan TransactionWaitLimit { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<SimulatedReader> Readers
    {
        get
        {
            lock (_gate)
            {
                return [.. _readers];
            }
        }
    }

    public SimulatedReader AddReader(string name, bool supportsExtendedLength = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (FindReader(name) is not null)
            {
                throw new InvalidOperationException($"A reader named '{name}' already exists.");
            }

            var reader = new SimulatedReader(this, name, supportsExtendedLength);
            _readers.Add(reader);
            Monitor.PulseAll(_gate);
            return reader;
        }
    }

    public bool RemoveReader(string name)
    {
        lock (_gate)
        {
            if (FindReader(name) is not { } reader)
            {
                return false;
            }

            reader.Attached = false;
            reader.InsertedCard = null;
            reader.TransactionHolder = 0;
            reader.TransactionDepth = 0;
            _readers.Remove(reader);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Simulates the PC/SC service going away (every context becomes invalid) and coming back.</summary>
    public void StopService()
    {
        lock (_gate)
        {
            _running = false;
            _contexts.Clear();
            _handles.Clear();
            foreach (var reader in _readers)
            {
                reader.TransactionHolder = 0;
                reader.TransactionDepth = 0;
            }

            Monitor.PulseAll(_gate);
        }
    }

    public void StartService()
    {
        lock (_gate)
        {
            _running = true;
            Monitor.PulseAll(_gate);
        }
    }

    public PcscErrorCode EstablishContext(ContextScope scope, out nint context)
    {
        lock (_gate)
        {
            context = 0;
            if (Faults.EstablishThrows is { } thrown)
            {
                Calls.EstablishFailed();
                throw thrown;
            }

            var refusal = !_running ? PcscErrorCode.NoService : Faults.EstablishRefusal;
            if (refusal != PcscErrorCode.Success)
            {
                Calls.EstablishFailed();
                return refusal;
            }

            context = NextId();
            _contexts.Add(context, new ContextState());
            Calls.ContextEstablished();
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode ReleaseContext(nint context)
    {
        lock (_gate)
        {
            var check = CheckContext(context, out _);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            _contexts.Remove(context);
            foreach (var (card, handle) in _handles.Where(entry => entry.Value.Context == context).ToList())
            {
                ReleaseTransaction(card, handle);
                _handles.Remove(card);
            }

            Monitor.PulseAll(_gate);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode IsValidContext(nint context)
    {
        lock (_gate)
        {
            return CheckContext(context, out _);
        }
    }

    public PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers)
    {
        lock (_gate)
        {
            Calls.ReadersListed();
            readers = [];
            var check = CheckContext(context, out _);
            if (check != PcscErrorCode.Success)
            {
                return check;
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
        ArgumentNullException.ThrowIfNull(states);
        lock (_gate)
        {
            var check = CheckContext(context, out var contextState);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            if (states.Length == 0)
            {
                return PcscErrorCode.InvalidParameter;
            }

            _activeWaits++;
            try
            {
                return WaitForChange(context, contextState, timeoutMilliseconds, states);
            }
            finally
            {
                _activeWaits--;
            }
        }
    }

    public PcscErrorCode Cancel(nint context)
    {
        lock (_gate)
        {
            var check = CheckContext(context, out var contextState);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            contextState.Cancels++;
            Monitor.PulseAll(_gate);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode Connect(nint context, string readerName, ShareMode shareMode, Protocols preferredProtocols, out nint card, out Protocols activeProtocol)
    {
        ArgumentNullException.ThrowIfNull(readerName);
        lock (_gate)
        {
            Calls.Connected();
            card = 0;
            activeProtocol = Protocols.Undefined;
            var check = CheckContext(context, out _);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            if (FindReader(readerName) is not { } reader)
            {
                return PcscErrorCode.UnknownReader;
            }

            if (shareMode is not (ShareMode.Shared or ShareMode.Exclusive or ShareMode.Direct))
            {
                return PcscErrorCode.InvalidValue;
            }

            if (reader.CurrentCondition == SimulatedReaderCondition.Unavailable)
            {
                return PcscErrorCode.ReaderUnavailable;
            }

            var direct = shareMode == ShareMode.Direct;
            if (reader.InsertedCard is null && !direct)
            {
                return PcscErrorCode.NoSmartcard;
            }

            if (reader.CurrentCondition == SimulatedReaderCondition.CardMute && !direct)
            {
                return PcscErrorCode.UnresponsiveCard;
            }

            if (!direct && (preferredProtocols & Protocols.T1) == 0)
            {
                return PcscErrorCode.ProtocolMismatch;
            }

            if (SharingConflict(reader, shareMode, except: 0))
            {
                return PcscErrorCode.SharingViolation;
            }

            if (reader.InsertedCard is { } inserted && !reader.Powered)
            {
                inserted.Reset();
                reader.Powered = true;
            }

            card = NextId();
            activeProtocol = direct ? Protocols.Undefined : Protocols.T1;
            _handles.Add(card, new CardHandle(context, reader, shareMode, activeProtocol, reader.Insertion, reader.ResetCount));
            Monitor.PulseAll(_gate);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol)
    {
        lock (_gate)
        {
            Calls.CardCall($"Reconnect {shareMode} {preferredProtocols} {initialization}");
            activeProtocol = Protocols.Undefined;
            var check = CheckHandle(card, out var handle);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            var reader = handle.Reader;
            if (reader.InsertedCard is not { } inserted)
            {
                return PcscErrorCode.NoSmartcard;
            }

            if ((preferredProtocols & Protocols.T1) == 0)
            {
                return PcscErrorCode.ProtocolMismatch;
            }

            if (SharingConflict(reader, shareMode, except: card))
            {
                return PcscErrorCode.SharingViolation;
            }

            if (handle.Insertion != reader.Insertion)
            {
                ReleaseTransaction(card, handle);
            }

            if (!reader.Powered)
            {
                inserted.Reset();
                reader.Powered = true;
            }

            if (initialization != Disposition.LeaveCard)
            {
                ResetCard(reader, inserted);
            }

            handle.Insertion = reader.Insertion;
            handle.ResetSeen = reader.ResetCount;
            handle.ShareMode = shareMode;
            handle.Protocol = Protocols.T1;
            activeProtocol = Protocols.T1;
            Monitor.PulseAll(_gate);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode Disconnect(nint card, Disposition disposition)
    {
        lock (_gate)
        {
            Calls.CardCall($"Disconnect {disposition}");
            var check = CheckHandle(card, out var handle);
            if (check is not (PcscErrorCode.Success or PcscErrorCode.ReaderUnavailable))
            {
                return check;
            }

            ReleaseTransaction(card, handle);
            _handles.Remove(card);
            var reader = handle.Reader;
            if (disposition != Disposition.LeaveCard && reader.InsertedCard is { } inserted && handle.Insertion == reader.Insertion)
            {
                ResetCard(reader, inserted);
            }

            Monitor.PulseAll(_gate);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode BeginTransaction(nint card)
    {
        lock (_gate)
        {
            Calls.CardCall("BeginTransaction");
            var clock = Stopwatch.StartNew();
            var faultChecked = false;
            while (true)
            {
                var check = CheckHandle(card, out var handle);
                if (check == PcscErrorCode.Success && !faultChecked)
                {
                    faultChecked = true;
                    check = Faults.BeginTransactionResults.TryDequeue(out var queued) ? queued : PcscErrorCode.Success;
                }

                if (check == PcscErrorCode.Success)
                {
                    check = CardState(handle);
                }

                if (check != PcscErrorCode.Success)
                {
                    return check;
                }

                var reader = handle.Reader;
                if (reader.TransactionHolder == 0 || reader.TransactionHolder == card)
                {
                    reader.TransactionHolder = card;
                    reader.TransactionDepth++;
                    return PcscErrorCode.Success;
                }

                var remaining = TransactionWaitLimit - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    return PcscErrorCode.SharingViolation;
                }

                Monitor.Wait(_gate, remaining);
            }
        }
    }

    public PcscErrorCode EndTransaction(nint card, Disposition disposition)
    {
        lock (_gate)
        {
            Calls.CardCall($"EndTransaction {disposition}");
            var check = CheckHandle(card, out var handle);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            var reader = handle.Reader;
            if (reader.TransactionHolder != card)
            {
                return PcscErrorCode.NotTransacted;
            }

            if (--reader.TransactionDepth == 0)
            {
                reader.TransactionHolder = 0;
            }

            var state = CardState(handle);
            if (state == PcscErrorCode.RemovedCard)
            {
                reader.TransactionHolder = 0;
                reader.TransactionDepth = 0;
            }
            else if (disposition != Disposition.LeaveCard && reader.InsertedCard is { } inserted)
            {
                ResetCard(reader, inserted);
                handle.ResetSeen = reader.ResetCount;
            }

            Monitor.PulseAll(_gate);
            return state == PcscErrorCode.RemovedCard ? state : PcscErrorCode.Success;
        }
    }

    public PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength)
    {
        responseLength = 0;
        Calls.Transmitting(response.Length);
        SimulatedReader reader;
        IVirtualCard insertedCard;
        int insertionEvent;
        lock (_gate)
        {
            var check = CheckHandle(card, out var handle);
            if (check == PcscErrorCode.Success)
            {
                check = Faults.TransmitFailure;
            }

            if (check == PcscErrorCode.Success)
            {
                check = CardState(handle);
            }

            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            reader = handle.Reader;
            if (reader.TransactionHolder != 0 && reader.TransactionHolder != card)
            {
                return PcscErrorCode.SharingViolation;
            }

            if (handle.Protocol == Protocols.Undefined || (protocol & handle.Protocol) == 0)
            {
                return PcscErrorCode.ProtocolMismatch;
            }

            if (command.IsEmpty)
            {
                return PcscErrorCode.InvalidParameter;
            }

            if (!reader.SupportsExtendedLength && command.Length > ShortCommandLimit)
            {
                return PcscErrorCode.CommError;
            }

            insertedCard = reader.InsertedCard!;
            insertionEvent = reader.EventCounter;
        }

        // The card answers outside the service-wide lock, one exchange at a time per reader, as
        // pcscd does: a card that takes long (or never answers) holds up its own reader only.
        byte[] answer;
        lock (reader.ExchangeGate)
        {
            answer = insertedCard.Process(command);
        }

        lock (_gate)
        {
            if (reader.EventCounter != insertionEvent)
            {
                // Taken off the reader while it was answering.
                return PcscErrorCode.RemovedCard;
            }

            if (!reader.SupportsExtendedLength && answer.Length > ShortResponseLimit)
            {
                return PcscErrorCode.CommError;
            }

            responseLength = answer.Length;
            if (answer.Length > response.Length)
            {
                return PcscErrorCode.InsufficientBuffer;
            }

            answer.CopyTo(response);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr)
    {
        lock (_gate)
        {
            readerName = string.Empty;
            protocol = Protocols.Undefined;
            atr = [];
            var check = CheckHandle(card, out var handle);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            readerName = handle.Reader.Name;
            if (Faults.StatusResults.TryDequeue(out var queued) && queued != PcscErrorCode.Success)
            {
                return queued;
            }

            if (CardState(handle) == PcscErrorCode.RemovedCard)
            {
                return PcscErrorCode.RemovedCard;
            }

            protocol = handle.Protocol;
            atr = handle.Reader.InsertedCard?.Atr ?? [];
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode Control(nint card, uint controlCode, ReadOnlySpan<byte> input, Span<byte> output, out int outputLength)
    {
        lock (_gate)
        {
            Calls.CardCall($"Control {controlCode:X8}");
            outputLength = 0;
            var check = CheckHandle(card, out var handle);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            if (Faults.ControlAnswer is { } controlAnswer)
            {
                var (code, bytes) = controlAnswer(controlCode);
                outputLength = Math.Min(bytes.Length, output.Length);
                bytes.AsSpan(0, outputLength).CopyTo(output);
                return code;
            }

            byte[] answer;
            switch (controlCode)
            {
                case GetFeatureRequestControlCode:
                    answer = new byte[6];
                    answer[0] = FeatureGetTlvProperties;
                    answer[1] = 4;
                    BinaryPrimitives.WriteUInt32BigEndian(answer.AsSpan(2), GetTlvPropertiesControlCode);
                    break;
                case GetTlvPropertiesControlCode:
                    // As the CCID driver does: 0 says "short APDUs only". PC/SC part 10 properties are little-endian.
                    answer = new byte[6];
                    answer[0] = PropertyMaxApduDataSize;
                    answer[1] = 4;
                    BinaryPrimitives.WriteUInt32LittleEndian(answer.AsSpan(2), handle.Reader.SupportsExtendedLength ? 65536u : 0u);
                    break;
                default:
                    return PcscErrorCode.UnsupportedFeature;
            }

            outputLength = answer.Length;
            if (answer.Length > output.Length)
            {
                return PcscErrorCode.InsufficientBuffer;
            }

            answer.CopyTo(output);
            return PcscErrorCode.Success;
        }
    }

    public PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength)
    {
        lock (_gate)
        {
            attributeLength = 0;
            var check = CheckHandle(card, out var handle);
            if (check != PcscErrorCode.Success)
            {
                return check;
            }

            if (attributeId != AtrAttribute)
            {
                return PcscErrorCode.UnsupportedFeature;
            }

            if (CardState(handle) == PcscErrorCode.RemovedCard || handle.Reader.InsertedCard is not { } inserted)
            {
                return PcscErrorCode.RemovedCard;
            }

            var atr = inserted.Atr;
            attributeLength = atr.Length;
            if (atr.Length > buffer.Length)
            {
                return PcscErrorCode.InsufficientBuffer;
            }

            atr.CopyTo(buffer);
            return PcscErrorCode.Success;
        }
    }

    internal T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    internal void InsertCard(SimulatedReader reader, IVirtualCard card)
    {
        lock (_gate)
        {
            if (!reader.Attached)
            {
                throw new InvalidOperationException($"Reader '{reader.Name}' was removed.");
            }

            if (reader.InsertedCard is not null)
            {
                throw new InvalidOperationException($"Reader '{reader.Name}' already holds a card; remove it first.");
            }

            reader.InsertedCard = card;
            reader.Insertion++;
            reader.EventCounter++;
            reader.Powered = false;
            Monitor.PulseAll(_gate);
        }
    }

    internal void ReplaceCard(SimulatedReader reader, IVirtualCard card)
    {
        lock (_gate)
        {
            if (reader.InsertedCard is null)
            {
                throw new InvalidOperationException($"Reader '{reader.Name}' holds no card to replace.");
            }

            RemoveCard(reader);
            InsertCard(reader, card);
        }
    }

    internal void SetCondition(SimulatedReader reader, SimulatedReaderCondition condition)
    {
        lock (_gate)
        {
            reader.CurrentCondition = condition;
            Monitor.PulseAll(_gate);
        }
    }

    internal void RemoveCard(SimulatedReader reader)
    {
        lock (_gate)
        {
            if (reader.InsertedCard is null)
            {
                return;
            }

            reader.InsertedCard = null;
            reader.Powered = false;
            reader.EventCounter++;
            reader.TransactionHolder = 0;
            reader.TransactionDepth = 0;
            Monitor.PulseAll(_gate);
        }
    }

    private nint NextId() => (nint)(++_nextId);

    private SimulatedReader? FindReader(string name) => _readers.Find(reader => string.Equals(reader.Name, name, StringComparison.Ordinal));

    private PcscErrorCode CheckContext(nint context, out ContextState state)
    {
        state = null!;
        if (!_running)
        {
            return PcscErrorCode.NoService;
        }

        return _contexts.TryGetValue(context, out state!) ? PcscErrorCode.Success : PcscErrorCode.InvalidHandle;
    }

    private PcscErrorCode CheckHandle(nint card, out CardHandle handle)
    {
        handle = null!;
        if (!_running)
        {
            return PcscErrorCode.NoService;
        }

        if (!_handles.TryGetValue(card, out handle!))
        {
            return PcscErrorCode.InvalidHandle;
        }

        return handle.Reader.Attached ? PcscErrorCode.Success : PcscErrorCode.ReaderUnavailable;
    }

    private static PcscErrorCode CardState(CardHandle handle)
    {
        var reader = handle.Reader;
        if (reader.InsertedCard is null || reader.Insertion != handle.Insertion)
        {
            return PcscErrorCode.RemovedCard;
        }

        return reader.ResetCount != handle.ResetSeen ? PcscErrorCode.ResetCard : PcscErrorCode.Success;
    }

    private bool SharingConflict(SimulatedReader reader, ShareMode wanted, nint except)
    {
        var others = _handles
            .Where(entry => entry.Key != except && entry.Value.Reader == reader && entry.Value.Insertion == reader.Insertion)
            .Select(entry => entry.Value.ShareMode)
            .ToList();
        return others.Contains(ShareMode.Exclusive) || (wanted == ShareMode.Exclusive && others.Count > 0);
    }

    private static void ResetCard(SimulatedReader reader, IVirtualCard card)
    {
        card.Reset();
        reader.ResetCount++;
    }

    private static void ReleaseTransaction(nint card, CardHandle handle)
    {
        if (handle.Reader.TransactionHolder == card)
        {
            handle.Reader.TransactionHolder = 0;
            handle.Reader.TransactionDepth = 0;
        }
    }

    /// <summary>The blocking part of SCardGetStatusChange, under the service lock.</summary>
    private PcscErrorCode WaitForChange(nint context, ContextState contextState, int timeoutMilliseconds, ReaderStateQuery[] states)
    {
        var cancelsAtEntry = contextState.Cancels;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (!_running)
            {
                return PcscErrorCode.NoService;
            }

            if (!_contexts.ContainsKey(context))
            {
                return PcscErrorCode.InvalidHandle;
            }

            if (contextState.Cancels != cancelsAtEntry)
            {
                return PcscErrorCode.Cancelled;
            }

            if (Faults.UnknownReaderFailsWait && states.Any(query =>
                !string.Equals(query.ReaderName, ReaderStateQuery.PnpNotification, StringComparison.Ordinal) && FindReader(query.ReaderName) is null))
            {
                return PcscErrorCode.UnknownReader;
            }

            if (Evaluate(states))
            {
                return PcscErrorCode.Success;
            }

            if (timeoutMilliseconds < 0)
            {
                Monitor.Wait(_gate);
                continue;
            }

            var remaining = timeoutMilliseconds - clock.ElapsedMilliseconds;
            if (remaining <= 0)
            {
                return PcscErrorCode.Timeout;
            }

            Monitor.Wait(_gate, TimeSpan.FromMilliseconds(remaining));
        }
    }

    /// <summary>Fills EventState/EventCount/Atr of every entry; true when any entry changed.</summary>
    private bool Evaluate(ReaderStateQuery[] states)
    {
        var anyChanged = false;
        foreach (var query in states)
        {
            if ((query.CurrentState & ReaderStatus.Ignore) != 0)
            {
                query.EventState = ReaderStatus.Ignore;
                continue;
            }

            bool changed;
            if (string.Equals(query.ReaderName, ReaderStateQuery.PnpNotification, StringComparison.Ordinal) && Faults.PnpUnsupported)
            {
                changed = true;
                query.EventState = ReaderStatus.Unknown | ReaderStatus.Changed;
                query.EventCount = 0;
                query.Atr = [];
            }
            else if (string.Equals(query.ReaderName, ReaderStateQuery.PnpNotification, StringComparison.Ordinal))
            {
                // pcsc-lite: the reader count rides in the upper 16 bits; a different count is the change.
                changed = query.CurrentEventCount != _readers.Count;
                query.EventCount = _readers.Count;
                query.EventState = changed ? ReaderStatus.Changed : query.CurrentState & ~ReaderStatus.Changed;
                query.Atr = [];
            }
            else if (FindReader(query.ReaderName) is not { } reader)
            {
                changed = (query.CurrentState & ReaderStatus.Unknown) == 0;
                query.EventState = ReaderStatus.Unknown | (changed ? ReaderStatus.Changed : 0);
                query.EventCount = 0;
                query.Atr = [];
            }
            else
            {
                var flags = Flags(reader);
                const ReaderStatus compared = ReaderStatus.Present | ReaderStatus.Empty | ReaderStatus.InUse | ReaderStatus.Exclusive
                    | ReaderStatus.Unknown | ReaderStatus.Unavailable | ReaderStatus.Mute;
                changed = query.CurrentState == ReaderStatus.Unaware
                    || (query.CurrentState & compared) != (flags & compared)
                    || query.CurrentEventCount != reader.EventCounter;
                query.EventState = flags | (changed ? ReaderStatus.Changed : 0);
                query.EventCount = reader.EventCounter;
                query.Atr = reader.CurrentCondition == SimulatedReaderCondition.CardMute ? [] : reader.InsertedCard?.Atr ?? [];
            }

            anyChanged |= changed;
        }

        return anyChanged;
    }

    private ReaderStatus Flags(SimulatedReader reader)
    {
        var unavailable = reader.CurrentCondition == SimulatedReaderCondition.Unavailable ? ReaderStatus.Unavailable : 0;
        if (reader.InsertedCard is null)
        {
            return ReaderStatus.Empty | unavailable;
        }

        if (reader.CurrentCondition == SimulatedReaderCondition.CardMute)
        {
            return ReaderStatus.Present | ReaderStatus.Mute;
        }

        var flags = ReaderStatus.Present | unavailable;
        foreach (var handle in _handles.Values)
        {
            if (handle.Reader == reader && handle.Insertion == reader.Insertion && handle.ShareMode != ShareMode.Direct)
            {
                flags |= handle.ShareMode == ShareMode.Exclusive ? ReaderStatus.Exclusive : ReaderStatus.InUse;
            }
        }

        return flags;
    }

    private sealed class ContextState
    {
        public int Cancels { get; set; }
    }

    private sealed class CardHandle(nint context, SimulatedReader reader, ShareMode shareMode, Protocols protocol, long insertion, int resetSeen)
    {
        public nint Context { get; } = context;

        public SimulatedReader Reader { get; } = reader;

        public ShareMode ShareMode { get; set; } = shareMode;

        public Protocols Protocol { get; set; } = protocol;

        public long Insertion { get; set; } = insertion;

        public int ResetSeen { get; set; } = resetSeen;
    }
}
