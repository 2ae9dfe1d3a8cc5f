namespace OnshiDevice.PcSc;

// SHAPE ONLY: the PC/SC helper replaces the bodies.
public sealed class PcscContext : IDisposable
{
    private PcscContext() => throw new NotImplementedException();

    public IPcscApi Api => throw new NotImplementedException();

    public bool IsValid => throw new NotImplementedException();

    public static PcscContext Establish(IPcscApi api, ContextScope scope = ContextScope.System) => throw new NotImplementedException();

    /// <summary>The readers attached now; empty (not an error) when there are none.</summary>
    public IReadOnlyList<string> GetReaders() => throw new NotImplementedException();

    /// <summary>Waits for a change; false on timeout, throws <see cref="PcscException"/> subclasses otherwise.</summary>
    public bool WaitForChange(ReaderStateQuery[] states, int timeoutMilliseconds) => throw new NotImplementedException();

    /// <summary>Ends a <see cref="WaitForChange"/> in progress on another thread.</summary>
    public void Cancel() => throw new NotImplementedException();

    public CardConnection Connect(string readerName, ShareMode shareMode = ShareMode.Shared, Protocols preferredProtocols = Protocols.Any) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
