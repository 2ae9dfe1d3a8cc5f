namespace OnshiDevice.PcSc;

/// <summary>
/// One entry of an SCardGetStatusChange call: the state the caller believes the reader is
/// in, and (after the call) the state it is really in.
/// </summary>
public sealed class ReaderStateQuery
{
    /// <summary>The PnP pseudo-reader that reports readers being attached or detached.</summary>
    public const string PnpNotification = @"\\?PnP?\Notification";

    public ReaderStateQuery(string readerName, ReaderStatus currentState = ReaderStatus.Unaware, int currentEventCount = 0)
    {
        ArgumentNullException.ThrowIfNull(readerName);
        ReaderName = readerName;
        CurrentState = currentState;
        CurrentEventCount = currentEventCount;
    }

    public string ReaderName { get; }

    public ReaderStatus CurrentState { get; set; }

    /// <summary>The event counter the caller last saw (pcsc-lite and Windows keep it in the upper 16 bits).</summary>
    public int CurrentEventCount { get; set; }

    public ReaderStatus EventState { get; set; }

    public int EventCount { get; set; }

    public byte[] Atr { get; set; } = [];
}
