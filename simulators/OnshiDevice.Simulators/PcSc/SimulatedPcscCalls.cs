namespace OnshiDevice.Simulators.PcSc;

/// <summary>
/// What <see cref="SimulatedPcscApi"/> was asked, for tests to assert on: how many contexts were made and refused,
/// how often the readers were listed and connected to, and, in order, the calls that decide what a handle leaves
/// on the card (transactions, reconnects, disconnects, control codes), written as "EndTransaction ResetCard".
/// </summary>
public sealed class SimulatedPcscCalls
{
    private readonly Lock _journalGate = new();
    private readonly List<string> _cardCalls = [];
    private int _contextsEstablished;
    private int _failedEstablishAttempts;
    private int _listReaders;
    private int _connects;
    private int _lastTransmitBufferLength;

    /// <summary>SCardEstablishContext calls that gave a context.</summary>
    public int ContextsEstablished => Volatile.Read(ref _contextsEstablished);

    /// <summary>SCardEstablishContext calls that failed or threw.</summary>
    public int FailedEstablishAttempts => Volatile.Read(ref _failedEstablishAttempts);

    public int ListReaders => Volatile.Read(ref _listReaders);

    /// <summary>SCardConnect calls, whatever they returned.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>The room for the response the last SCardTransmit offered.</summary>
    public int LastTransmitBufferLength => Volatile.Read(ref _lastTransmitBufferLength);

    /// <summary>The card-side calls so far, oldest first.</summary>
    public IReadOnlyList<string> CardCalls
    {
        get
        {
            lock (_journalGate)
            {
                return [.. _cardCalls];
            }
        }
    }

    internal void ContextEstablished() => Interlocked.Increment(ref _contextsEstablished);

    internal void EstablishFailed() => Interlocked.Increment(ref _failedEstablishAttempts);

    internal void ReadersListed() => Interlocked.Increment(ref _listReaders);

    internal void Connected() => Interlocked.Increment(ref _connects);

    internal void Transmitting(int bufferLength) => Volatile.Write(ref _lastTransmitBufferLength, bufferLength);

    internal void CardCall(string call)
    {
        lock (_journalGate)
        {
            _cardCalls.Add(call);
        }
    }
}
