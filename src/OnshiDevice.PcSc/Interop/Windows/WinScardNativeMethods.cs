using System.Runtime.InteropServices;

namespace OnshiDevice.PcSc.Interop.Windows;

/// <summary>
/// winscard.dll entry points (the W variants where strings are involved). LONG and DWORD are
/// 32-bit on Windows; SCARDCONTEXT and SCARDHANDLE are ULONG_PTR.
/// </summary>
internal static unsafe partial class WinScardNativeMethods
{
    private const string Library = "winscard.dll";

    [LibraryImport(Library)]
    public static partial int SCardEstablishContext(uint scope, void* reserved1, void* reserved2, nint* context);

    [LibraryImport(Library)]
    public static partial int SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial int SCardIsValidContext(nint context);

    [LibraryImport(Library, EntryPoint = "SCardListReadersW")]
    public static partial int SCardListReaders(nint context, char* groups, char* readers, uint* readersLength);

    [LibraryImport(Library, EntryPoint = "SCardGetStatusChangeW")]
    public static partial int SCardGetStatusChange(nint context, uint timeout, WindowsReaderState* states, uint count);

    [LibraryImport(Library)]
    public static partial int SCardCancel(nint context);

    [LibraryImport(Library, EntryPoint = "SCardConnectW")]
    public static partial int SCardConnect(nint context, char* reader, uint shareMode, uint preferredProtocols, nint* card, uint* activeProtocol);

    [LibraryImport(Library)]
    public static partial int SCardReconnect(nint card, uint shareMode, uint preferredProtocols, uint initialization, uint* activeProtocol);

    [LibraryImport(Library)]
    public static partial int SCardDisconnect(nint card, uint disposition);

    [LibraryImport(Library)]
    public static partial int SCardBeginTransaction(nint card);

    [LibraryImport(Library)]
    public static partial int SCardEndTransaction(nint card, uint disposition);

    [LibraryImport(Library)]
    public static partial int SCardTransmit(nint card, WindowsIoRequest* sendPci, byte* send, uint sendLength, WindowsIoRequest* receivePci, byte* receive, uint* receiveLength);

    [LibraryImport(Library, EntryPoint = "SCardStatusW")]
    public static partial int SCardStatus(nint card, char* readerName, uint* readerNameLength, uint* state, uint* protocol, byte* atr, uint* atrLength);

    [LibraryImport(Library)]
    public static partial int SCardControl(nint card, uint controlCode, byte* input, uint inputLength, byte* output, uint outputLength, uint* bytesReturned);

    [LibraryImport(Library)]
    public static partial int SCardGetAttrib(nint card, uint attributeId, byte* attribute, uint* attributeLength);
}
