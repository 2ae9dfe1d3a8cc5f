using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OnshiDevice.Simulators.Vpcd;

/// <summary>
/// Puts a virtual card into the real pcscd: a TCP client of the vpcd driver. Connecting taps
/// the card, disposing removes it (vpcd sees the socket close and reports the card absent).
/// </summary>
/// <remarks>
/// Wire format (vsmartcard vpcd.c): every frame is a 2-byte big-endian length and the payload.
/// One-byte payloads are control bytes: 00 power off, 01 power on, 02 reset (no reply), 04 get
/// ATR (reply with the ATR). Longer payloads are command APDUs, answered with the full response.
/// Only loopback addresses are accepted: a virtual card must never be reachable over a network.
/// </remarks>
public sealed class VpcdCardConnection : IAsyncDisposable
{
    public const int DefaultPort = 35963;

    private const byte PowerOff = 0x00;
    private const byte PowerOn = 0x01;
    private const byte ResetCard = 0x02;
    private const byte GetAtr = 0x04;

    private readonly IVirtualCard _card;
    private readonly TcpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    private VpcdCardConnection(IVirtualCard card, TcpClient client)
    {
        _card = card;
        _client = client;
        var stream = client.GetStream();
        var stopToken = _stop.Token;
        _loop = Task.Run(() => ServeAsync(stream, stopToken));
    }

    /// <summary>Completes when vpcd closes the connection or the card is removed; faults if vpcd sends something malformed.</summary>
    public Task Completion => _loop;

    /// <summary>Opens the connection to vpcd, which taps the card. Throws <see cref="ArgumentException"/> for a non-loopback host.</summary>
    public static async Task<VpcdCardConnection> ConnectAsync(IVirtualCard card, string host = "127.0.0.1", int port = DefaultPort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        var address = LoopbackAddress(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var client = new TcpClient(address.AddressFamily) { NoDelay = true };
        try
        {
            await client.ConnectAsync(address, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new VpcdCardConnection(card, client);
    }

    /// <summary>Removes the card: closes the socket and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _client.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            // The connection is gone either way; the malformed frame was reported through Completion.
        }

        _stop.Dispose();
    }

    private static IPAddress LoopbackAddress(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
        {
            return address;
        }

        throw new ArgumentException($"vpcd host must be a loopback address (127.0.0.1, ::1 or localhost), not '{host}'.", nameof(host));
    }

    private async Task ServeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        try
        {
            await ServeFramesAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // vpcd went away (closed, reset) or we were disposed: the card is out of the reader, which is a normal end.
        }
    }

    private async Task ServeFramesAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var lengthBuffer = new byte[2];
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await ReadExactlyOrEndAsync(stream, lengthBuffer, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBuffer);
            if (length == 0)
            {
                throw new InvalidDataException("vpcd sent an empty frame.");
            }

            var payload = new byte[length];
            if (!await ReadExactlyOrEndAsync(stream, payload, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var reply = Answer(payload);
            if (reply is not null)
            {
                await WriteFrameAsync(stream, reply, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private byte[]? Answer(byte[] payload)
    {
        if (payload.Length != 1)
        {
            return _card.Process(payload);
        }

        switch (payload[0])
        {
            case PowerOn:
            case ResetCard:
                _card.Reset();
                return null;
            case PowerOff:
                return null;
            case GetAtr:
                return _card.Atr;
            default:
                throw new InvalidDataException($"vpcd sent the unknown control byte 0x{payload[0]:X2}.");
        }
    }

    private static async Task WriteFrameAsync(NetworkStream stream, byte[] payload, CancellationToken cancellationToken)
    {
        if (payload.Length > ushort.MaxValue)
        {
            throw new InvalidDataException($"A {payload.Length}-byte answer does not fit a vpcd frame.");
        }

        var frame = new byte[payload.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame, 2);
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False when the peer closed the connection before the first byte of <paramref name="buffer"/>.</summary>
    private static async Task<bool> ReadExactlyOrEndAsync(NetworkStream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                if (read == 0)
                {
                    return false;
                }

                throw new InvalidDataException("vpcd closed the connection in the middle of a frame.");
            }

            read += count;
        }

        return true;
    }
}
