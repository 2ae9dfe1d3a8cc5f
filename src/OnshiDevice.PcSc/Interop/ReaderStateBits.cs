namespace OnshiDevice.PcSc.Interop;

/// <summary>
/// dwCurrentState / dwEventState carry SCARD_STATE_* flags in the low 16 bits and an event counter
/// in the upper 16 (pcsc-lite and Windows both count card insertions and removals there, and
/// pcsc-lite's PnP pseudo-reader the number of readers). Passing the counter back makes a wait
/// return at once when a card went out and in again since the last look.
/// </summary>
internal static class ReaderStateBits
{
    public static uint Combine(ReaderStatus state, int eventCount) =>
        ((uint)(eventCount & 0xFFFF) << 16) | ((uint)state & 0xFFFF);

    public static void Split(ulong native, ReaderStateQuery query)
    {
        query.EventState = (ReaderStatus)(uint)(native & 0xFFFF);
        query.EventCount = (int)((native >> 16) & 0xFFFF);
    }

    /// <summary>The code a native LONG carries; pcsc-lite's 64-bit LONG holds it in the low 32 bits.</summary>
    public static PcscErrorCode ToErrorCode(long nativeResult) => (PcscErrorCode)(uint)nativeResult;
}
