namespace OnshiDevice.FaceAuth.Link;

/// <summary>
/// The link's timings, the same on both ends (docs/FACE-READER-PROTOCOL.md §7). Bounds are checked by
/// <see cref="Validate"/>; the defaults suit a USB virtual COM port.
/// </summary>
public sealed record FaceReaderLinkOptions
{
    /// <summary>How often each side sends a heartbeat; 50 ms to 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeat intervals without any frame from the peer after which the link counts as lost; 2 to 10.</summary>
    public int SilentIntervalsToLoss { get; init; } = 3;

    /// <summary>How long a sender waits for the Ack of one transmission; 20 ms to 5 s.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many times an unacknowledged frame is sent again (same sequence number); 0 to 5.</summary>
    public int Retransmissions { get; init; } = 2;

    /// <summary>How long the host waits for each handshake answer (Welcome, DeviceInfo); 100 ms to 30 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The first wait before opening the port again after a loss; doubled up to <see cref="MaxReconnectDelay"/>; 10 ms to 60 s.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A write that does not finish in this time (the peer stopped reading) ends the link; 50 ms to 30 s.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public FaceReaderLinkOptions Validate()
    {
        Check(HeartbeatInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), nameof(HeartbeatInterval));
        Check(AckTimeout, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5), nameof(AckTimeout));
        Check(HandshakeTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), nameof(HandshakeTimeout));
        Check(ReconnectDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60), nameof(ReconnectDelay));
        Check(MaxReconnectDelay, ReconnectDelay, TimeSpan.FromSeconds(60), nameof(MaxReconnectDelay));
        Check(WriteTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), nameof(WriteTimeout));
        if (SilentIntervalsToLoss is < 2 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(SilentIntervalsToLoss), SilentIntervalsToLoss, "2 to 10 heartbeat intervals.");
        }

        if (Retransmissions is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(Retransmissions), Retransmissions, "0 to 5 retransmissions.");
        }

        return this;
    }

    private static void Check(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {min} to {max}.");
        }
    }
}
