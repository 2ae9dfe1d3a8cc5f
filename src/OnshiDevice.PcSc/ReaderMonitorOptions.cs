namespace OnshiDevice.PcSc;

public sealed class ReaderMonitorOptions
{
    /// <summary>How often readers are listed when the PnP pseudo-reader is not supported.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The first wait before re-establishing a context after the PC/SC service went away; doubles per failure.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts to re-establish a context.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest single SCardGetStatusChange; bounding it means a lost SCardCancel or a wedged
    /// service delays cancellation by at most this much.
    /// </summary>
    public TimeSpan MaxWaitSlice { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>The clock for back-off and poll delays, poll due times and event timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
