using OnshiDevice.PcSc;

namespace OnshiDevice.Simulators.PcSc;

// SHAPE ONLY: the simulator helper replaces the bodies.
/// <summary>An in-process PC/SC service with virtual readers: the binding above it runs unchanged.</summary>
public sealed class SimulatedPcscApi : IPcscApi
{
    public string Name => "simulated";

    public IReadOnlyList<SimulatedReader> Readers => throw new NotImplementedException();

    public SimulatedReader AddReader(string name, bool supportsExtendedLength = true) => throw new NotImplementedException();

    public bool RemoveReader(string name) => throw new NotImplementedException();

    /// <summary>Simulates the PC/SC service going away (every context becomes invalid) and coming back.</summary>
    public void StopService() => throw new NotImplementedException();

    public void StartService() => throw new NotImplementedException();

    public PcscErrorCode EstablishContext(ContextScope scope, out nint context) => throw new NotImplementedException();

    public PcscErrorCode ReleaseContext(nint context) => throw new NotImplementedException();

    public PcscErrorCode IsValidContext(nint context) => throw new NotImplementedException();

    public PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers) => throw new NotImplementedException();

    public PcscErrorCode GetStatusChange(nint context, int timeoutMilliseconds, ReaderStateQuery[] states) => throw new NotImplementedException();

    public PcscErrorCode Cancel(nint context) => throw new NotImplementedException();

    public PcscErrorCode Connect(nint context, string readerName, ShareMode shareMode, Protocols preferredProtocols, out nint card, out Protocols activeProtocol) => throw new NotImplementedException();

    public PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol) => throw new NotImplementedException();

    public PcscErrorCode Disconnect(nint card, Disposition disposition) => throw new NotImplementedException();

    public PcscErrorCode BeginTransaction(nint card) => throw new NotImplementedException();

    public PcscErrorCode EndTransaction(nint card, Disposition disposition) => throw new NotImplementedException();

    public PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength) => throw new NotImplementedException();

    public PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr) => throw new NotImplementedException();

    public PcscErrorCode Control(nint card, uint controlCode, ReadOnlySpan<byte> input, Span<byte> output, out int outputLength) => throw new NotImplementedException();

    public PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength) => throw new NotImplementedException();
}
