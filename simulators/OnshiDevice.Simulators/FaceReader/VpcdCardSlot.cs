using OnshiDevice.Simulators.Vpcd;

namespace OnshiDevice.Simulators.FaceReader;

/// <summary>A face reader's card slot that is a vpcd reader of the real pcscd: placing the card connects it (127.0.0.1 only).</summary>
public sealed class VpcdCardSlot(IVirtualCard card, int port) : IFaceReaderCardSlot, IAsyncDisposable
{
    private VpcdCardConnection? _connection;

    public async Task InsertAsync(CancellationToken cancellationToken)
    {
        _connection ??= await VpcdCardConnection.ConnectAsync(card, port: port, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(RemoveAsync(CancellationToken.None));
}
