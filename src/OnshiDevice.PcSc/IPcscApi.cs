namespace OnshiDevice.PcSc;

/// <summary>
/// The PC/SC functions the binding uses, with managed types in place of the per-OS native
/// ones (DWORD is 64-bit in pcsc-lite on 64-bit Linux, 32-bit on Windows and macOS).
/// Implemented once per OS over the native library, and by the in-process simulator, so
/// everything above this interface runs the same code against real and virtual readers.
/// Methods return the PC/SC code rather than throwing so that callers decide which codes
/// are expected (a timeout while waiting for a change is not an error).
/// </summary>
public interface IPcscApi
{
    /// <summary>A readable name of the implementation ("pcsc-lite", "winscard", "simulated").</summary>
    string Name { get; }

    PcscErrorCode EstablishContext(ContextScope scope, out nint context);

    PcscErrorCode ReleaseContext(nint context);

    PcscErrorCode IsValidContext(nint context);

    PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers);

    /// <summary>Waits until a reader's state differs from <see cref="ReaderStateQuery.CurrentState"/>.</summary>
    /// <param name="timeoutMilliseconds">-1 waits until <see cref="Cancel"/> is called.</param>
    PcscErrorCode GetStatusChange(nint context, int timeoutMilliseconds, ReaderStateQuery[] states);

    PcscErrorCode Cancel(nint context);

    PcscErrorCode Connect(nint context, string readerName, ShareMode shareMode, Protocols preferredProtocols, out nint card, out Protocols activeProtocol);

    PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol);

    PcscErrorCode Disconnect(nint card, Disposition disposition);

    PcscErrorCode BeginTransaction(nint card);

    PcscErrorCode EndTransaction(nint card, Disposition disposition);

    PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength);

    PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr);

    PcscErrorCode Control(nint card, uint controlCode, ReadOnlySpan<byte> input, Span<byte> output, out int outputLength);

    PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength);
}
