namespace OnshiDevice.Simulators.Vpcd;

// SHAPE ONLY: the simulator helper replaces the bodies.
/// <summary>
/// Puts a virtual card into the real pcscd: a TCP client of the vpcd driver. Connecting taps
/// the card, disposing removes it.
/// </summary>
public sealed class VpcdCardConnection : IAsyncDisposable
{
    public const int DefaultPort = 35963;

    private VpcdCardConnection() => throw new NotImplementedException();

    public static Task<VpcdCardConnection> ConnectAsync(IVirtualCard card, string host = "127.0.0.1", int port = DefaultPort, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Completes when vpcd closes the connection or the card is removed.</summary>
    public Task Completion => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
