namespace OnshiDevice.PcSc;

/// <summary>
/// An SCARDCONTEXT: the session with the PC/SC resource manager through which readers are listed,
/// watched and connected.
/// </summary>
/// <remarks>
/// Thread-safety: use a context from one thread at a time, except <see cref="Cancel"/>, which exists
/// to be called from another thread while <see cref="WaitForChange"/> blocks, and <see cref="Dispose"/>,
/// which may race with <see cref="Cancel"/> safely. Connections made from a context must be disposed
/// before it.
/// </remarks>
public sealed class PcscContext : IDisposable
{
    private readonly nint _handle;
    private int _disposed;

    private PcscContext(IPcscApi api, nint handle)
    {
        Api = api;
        _handle = handle;
    }

    public IPcscApi Api { get; }

    /// <summary>False once disposed, or when the service no longer knows the context (it restarted).</summary>
    public bool IsValid => Volatile.Read(ref _disposed) == 0 && Api.IsValidContext(_handle) == PcscErrorCode.Success;

    /// <exception cref="PcscServiceUnavailableException">The PC/SC service is not running, or refuses another context.</exception>
    public static PcscContext Establish(IPcscApi api, ContextScope scope = ContextScope.System)
    {
        ArgumentNullException.ThrowIfNull(api);
        var code = api.EstablishContext(scope, out var handle);
        if (code != PcscErrorCode.Success)
        {
            // pcscd at its client cap accepts the socket and closes it, which pcsc-lite's client reports as
            // SCARD_F_COMM_ERROR; a client at its own context cap gets SCARD_E_NO_MEMORY. Either way no context
            // can be had: the service is unavailable to us, which is not a card's fault.
            throw code is PcscErrorCode.CommError or PcscErrorCode.NoMemory or PcscErrorCode.ServerTooBusy
                ? new PcscServiceUnavailableException(code, "SCardEstablishContext (the PC/SC service refused a context)")
                : PcscException.FromContextCode(code, "SCardEstablishContext");
        }

        return new PcscContext(api, handle);
    }

    /// <summary>The readers attached now; empty (not an error) when there are none.</summary>
    public IReadOnlyList<string> GetReaders()
    {
        ThrowIfDisposed();
        var code = Api.ListReaders(_handle, out var readers);
        return code switch
        {
            PcscErrorCode.Success => readers,
            PcscErrorCode.NoReadersAvailable => [],
            _ => throw PcscException.FromContextCode(code, "SCardListReaders"),
        };
    }

    /// <summary>Waits for a change; false on timeout, throws <see cref="PcscException"/> subclasses otherwise.</summary>
    /// <param name="states">Readers to watch; on return each entry's EventState, EventCount and Atr are filled in.</param>
    /// <param name="timeoutMilliseconds">0 reads the present state without waiting; -1 waits until <see cref="Cancel"/>.</param>
    public bool WaitForChange(ReaderStateQuery[] states, int timeoutMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(states);
        ThrowIfDisposed();
        var code = Api.GetStatusChange(_handle, timeoutMilliseconds, states);
        return code switch
        {
            PcscErrorCode.Success => true,
            PcscErrorCode.Timeout => false,
            _ => throw PcscException.FromContextCode(code, "SCardGetStatusChange"),
        };
    }

    /// <summary>Ends a <see cref="WaitForChange"/> in progress on another thread; it then throws <see cref="PcscCancelledException"/>.</summary>
    public void Cancel()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            // Nothing useful can be done when cancelling fails: the wait ends on its own timeout.
            _ = Api.Cancel(_handle);
        }
    }

    /// <exception cref="CardRemovedException">No card in the reader.</exception>
    /// <exception cref="UnknownReaderException">The reader is not (or no longer) attached.</exception>
    /// <exception cref="SharingViolationException">Another application holds the card exclusively.</exception>
    public CardConnection Connect(string readerName, ShareMode shareMode = ShareMode.Shared, Protocols preferredProtocols = Protocols.Any)
    {
        ArgumentNullException.ThrowIfNull(readerName);
        ThrowIfDisposed();
        var code = Api.Connect(_handle, readerName, shareMode, preferredProtocols, out var card, out var activeProtocol);
        if (code != PcscErrorCode.Success)
        {
            throw PcscException.FromContextCode(code, "SCardConnect");
        }

        return new CardConnection(Api, card, readerName, shareMode, preferredProtocols, activeProtocol);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // A failed release (service gone) leaves nothing to clean up on our side.
            _ = Api.ReleaseContext(_handle);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
