namespace OnshiDevice.PcSc.Interop;

internal static class NativeLimits
{
    /// <summary>MAX_ATR_SIZE in pcsc-lite (Linux and macOS).</summary>
    public const int PcscLiteMaxAtrSize = 33;

    /// <summary>The ATR buffer in Windows' SCARD_READERSTATE (36 bytes: 33 rounded up to 4).</summary>
    public const int WindowsMaxAtrSize = 36;

    /// <summary>INFINITE: pcsc-lite compares the timeout with 0xFFFFFFFF even where DWORD is 64-bit.</summary>
    public const uint Infinite = 0xFFFFFFFF;

    /// <summary>Room for a reader name from SCardStatus; pcsc-lite caps names at 128 (MAX_READERNAME).</summary>
    public const int ReaderNameCapacity = 512;

    /// <summary>Room for an ATR from SCardStatus on every platform.</summary>
    public const int AtrCapacity = 64;

    public static uint ToNativeTimeout(int timeoutMilliseconds) =>
        timeoutMilliseconds < 0 ? Infinite : (uint)timeoutMilliseconds;
}
