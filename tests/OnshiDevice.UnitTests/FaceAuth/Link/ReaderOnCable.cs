using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader;

namespace OnshiDevice.UnitTests.FaceAuth.Link;

/// <summary>A driver connected to a simulated reader over the in-process cable, with fast link timings.</summary>
internal sealed class ReaderOnCable : IAsyncDisposable
{
    public static readonly FaceReaderLinkOptions FastLink = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        SilentIntervalsToLoss = 5,
        AckTimeout = TimeSpan.FromMilliseconds(100),
        Retransmissions = 2,
        HandshakeTimeout = TimeSpan.FromMilliseconds(500),
        ReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>
    /// For tests of what runs over the link rather than of the link: two cores busy with parallel tests (JPEG 2000
    /// decoding, RSA, CRLs) can hold a timer up for far longer than <see cref="FastLink"/>'s 300 ms of retransmissions.
    /// </summary>
    public static readonly FaceReaderLinkOptions TolerantLink = FastLink with
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        SilentIntervalsToLoss = 10,
        AckTimeout = TimeSpan.FromSeconds(1),
        HandshakeTimeout = TimeSpan.FromSeconds(2),
    };

    private ReaderOnCable(VirtualFaceReader device, InProcessFaceReaderCable cable, FaceReaderDriver driver)
    {
        Device = device;
        Cable = cable;
        Driver = driver;
    }

    /// <summary>Every wait in these tests ends; a hang is a failure, not a stuck run.</summary>
    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    public VirtualFaceReader Device { get; }

    public InProcessFaceReaderCable Cable { get; }

    public FaceReaderDriver Driver { get; }

    public static ReaderOnCable Start(
        VirtualFaceReaderOptions? options = null, Func<IFaceReaderPort, IFaceReaderPort>? wrapPort = null, FaceReaderLinkOptions? link = null)
    {
        link ??= FastLink;
        var device = new VirtualFaceReader(options, link);
        var cable = new InProcessFaceReaderCable(device);
        var driver = FaceReaderDriver.Start(wrapPort?.Invoke(cable) ?? cable, link, TimeProvider.System, NullLogger.Instance);
        return new ReaderOnCable(device, cable, driver);
    }

    /// <summary>The next event of type <typeparamref name="T"/>, skipping others (heartbeat-free link events included).</summary>
    public async Task<T> NextAsync<T>()
        where T : FaceReaderEvent
    {
        var deadline = Deadline;
        while (true)
        {
            var next = await Driver.Events.ReadAsync(deadline);
            if (next is T wanted)
            {
                return wanted;
            }
        }
    }

    public async Task<FaceReaderInfo> ConnectedAsync()
    {
        var restored = await NextAsync<LinkRestored>();
        await Device.WaitConnectedAsync(Deadline);
        return restored.Info;
    }

    public async ValueTask DisposeAsync()
    {
        await Driver.DisposeAsync();
        await Device.DisposeAsync();
    }
}
