using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.MacOS;

/// <summary>
/// PCSC.framework entry points. Apple's headers make LONG int32_t, DWORD uint32_t and the
/// context and card handles LONG, so everything is 32-bit even on 64-bit macOS.
/// </summary>
internal static unsafe partial class MacPcscNativeMethods
{
    private const string Library = "/System/Library/Frameworks/PCSC.framework/PCSC";

    [LibraryImport(Library)]
    public static partial int SCardEstablishContext(uint scope, void* reserved1, void* reserved2, int* context);

    [LibraryImport(Library)]
    public static partial int SCardReleaseContext(int context);

    [LibraryImport(Library)]
    public static partial int SCardIsValidContext(int context);

    [LibraryImport(Library)]
    public static partial int SCardListReaders(int context, byte* groups, byte* readers, uint* readersLength);

    [LibraryImport(Library)]
    public static partial int SCardGetStatusChange(int context, uint timeout, MacReaderState* states, uint count);

    [LibraryImport(Library)]
    public static partial int SCardCancel(int context);

    [LibraryImport(Library)]
    public static partial int SCardConnect(int context, byte* reader, uint shareMode, uint preferredProtocols, int* card, uint* activeProtocol);

    [LibraryImport(Library)]
    public static partial int SCardReconnect(int card, uint shareMode, uint preferredProtocols, uint initialization, uint* activeProtocol);

    [LibraryImport(Library)]
    public static partial int SCardDisconnect(int card, uint disposition);

    [LibraryImport(Library)]
    public static partial int SCardBeginTransaction(int card);

    [LibraryImport(Library)]
    public static partial int SCardEndTransaction(int card, uint disposition);

    [LibraryImport(Library)]
    public static partial int SCardTransmit(int card, MacIoRequest* sendPci, byte* send, uint sendLength, MacIoRequest* receivePci, byte* receive, uint* receiveLength);

    [LibraryImport(Library)]
    public static partial int SCardStatus(int card, byte* readerName, uint* readerNameLength, uint* state, uint* protocol, byte* atr, uint* atrLength);

    // PCSC.framework's plain SCardControl keeps the pre-1.3.2 pcsc-lite signature; the modern one is SCardControl132.
    [LibraryImport(Library, EntryPoint = "SCardControl132")]
    public static partial int SCardControl(int card, uint controlCode, byte* input, uint inputLength, byte* output, uint outputLength, uint* bytesReturned);

    [LibraryImport(Library)]
    public static partial int SCardGetAttrib(int card, uint attributeId, byte* attribute, uint* attributeLength);
}
