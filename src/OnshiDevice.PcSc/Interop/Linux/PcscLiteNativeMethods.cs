using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.Linux;

/// <summary>
/// libpcsclite.so.1 entry points. LONG and DWORD are C long / unsigned long, which are 64-bit on
/// 64-bit Linux and 32-bit on 32-bit Linux: nint / nuint follow the same rule.
/// </summary>
internal static unsafe partial class PcscLiteNativeMethods
{
    private const string Library = "libpcsclite.so.1";

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint scope, void* reserved1, void* reserved2, nint* context);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardIsValidContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint context, byte* groups, byte* readers, nuint* readersLength);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(nint context, nuint timeout, LinuxReaderState* states, nuint count);

    [LibraryImport(Library)]
    public static partial nint SCardCancel(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardConnect(nint context, byte* reader, nuint shareMode, nuint preferredProtocols, nint* card, nuint* activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardReconnect(nint card, nuint shareMode, nuint preferredProtocols, nuint initialization, nuint* activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardBeginTransaction(nint card);

    [LibraryImport(Library)]
    public static partial nint SCardEndTransaction(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint card, LinuxIoRequest* sendPci, byte* send, nuint sendLength, LinuxIoRequest* receivePci, byte* receive, nuint* receiveLength);

    [LibraryImport(Library)]
    public static partial nint SCardStatus(nint card, byte* readerName, nuint* readerNameLength, nuint* state, nuint* protocol, byte* atr, nuint* atrLength);

    [LibraryImport(Library)]
    public static partial nint SCardControl(nint card, nuint controlCode, byte* input, nuint inputLength, byte* output, nuint outputLength, nuint* bytesReturned);

    [LibraryImport(Library)]
    public static partial nint SCardGetAttrib(nint card, nuint attributeId, byte* attribute, nuint* attributeLength);
}
