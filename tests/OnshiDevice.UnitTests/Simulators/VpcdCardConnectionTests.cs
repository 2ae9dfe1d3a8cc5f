using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.Vpcd;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators;

/// <summary>Plays vpcd's side of the socket (2-byte big-endian length + payload) on 127.0.0.1.</summary>
public sealed class VpcdCardConnectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static async Task SendFrameAsync(NetworkStream stream, byte[] payload)
    {
        var frame = new byte[payload.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame, 2);
        await stream.WriteAsync(frame);
    }

    private static async Task<byte[]> ReceiveFrameAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var length = new byte[2];
        await stream.ReadExactlyAsync(length, timeout.Token);
        var payload = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        await stream.ReadExactlyAsync(payload, timeout.Token);
        return payload;
    }

    private static async Task<(TcpListener Listener, VpcdCardConnection Connection, TcpClient Vpcd)> StartAsync(IVirtualCard card)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync();
        var connection = await VpcdCardConnection.ConnectAsync(card, "127.0.0.1", port);
        var vpcd = await accept.WaitAsync(Bound);
        return (listener, connection, vpcd);
    }

    [Fact]
    public async Task Answers_atr_requests_and_apdus_and_completes_when_vpcd_closes()
    {
        var card = VirtualMyNumberCards.Standard();
        var (listener, connection, vpcd) = await StartAsync(card);
        try
        {
            var stream = vpcd.GetStream();
            await SendFrameAsync(stream, [0x01]);
            await SendFrameAsync(stream, [0x04]);
            Assert.Equal(card.Atr, await ReceiveFrameAsync(stream));

            await SendFrameAsync(stream, Bytes(SelectJpki));
            Assert.Equal(Bytes("90 00"), await ReceiveFrameAsync(stream));
            await SendFrameAsync(stream, Bytes("00 A4 02 0C 02 00 0A"));
            Assert.Equal(Bytes("90 00"), await ReceiveFrameAsync(stream));
            await SendFrameAsync(stream, Bytes("00 B0 00 00 00 00 00"));
            var certificate = await ReceiveFrameAsync(stream);
            Assert.Equal([.. card.AuthCertificate, 0x90, 0x00], certificate);

            // Reset clears the selected DF; no reply is sent for it.
            await SendFrameAsync(stream, [0x02]);
            await SendFrameAsync(stream, Bytes("00 A4 02 0C 02 00 0A"));
            Assert.Equal(Bytes("6A 82"), await ReceiveFrameAsync(stream));

            Assert.False(connection.Completion.IsCompleted);
            vpcd.Close();
            await connection.Completion.WaitAsync(Bound);
            Assert.True(connection.Completion.IsCompletedSuccessfully);
        }
        finally
        {
            await connection.DisposeAsync();
            vpcd.Dispose();
            listener.Stop();
        }
    }

    [Fact]
    public async Task Dispose_removes_the_card_by_closing_the_socket()
    {
        var (listener, connection, vpcd) = await StartAsync(VirtualMyNumberCards.Standard());
        try
        {
            await connection.DisposeAsync().AsTask().WaitAsync(Bound);
            using var timeout = new CancellationTokenSource(Bound);
            var read = await vpcd.GetStream().ReadAsync(new byte[1], timeout.Token);
            Assert.Equal(0, read);
            Assert.True(connection.Completion.IsCompleted);
        }
        finally
        {
            vpcd.Dispose();
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_one_byte_frame_is_a_control_byte_never_an_apdu_for_the_card()
    {
        var card = VirtualMyNumberCards.Standard();
        var (listener, connection, vpcd) = await StartAsync(card);
        try
        {
            var stream = vpcd.GetStream();
            await SendFrameAsync(stream, Bytes(SelectJpki));
            Assert.Equal(Bytes("90 00"), await ReceiveFrameAsync(stream));
            var before = card.CommandsReceived;

            // 02 is reset: no reply, and the JPKI AP is no longer current; 04 answers the ATR, not a status word.
            await SendFrameAsync(stream, [0x02]);
            await SendFrameAsync(stream, [0x04]);
            Assert.Equal(card.Atr, await ReceiveFrameAsync(stream));
            await SendFrameAsync(stream, Bytes("00 A4 02 0C 02 00 0A"));
            Assert.Equal(Bytes("6A 82"), await ReceiveFrameAsync(stream));

            Assert.Equal(before + 1, card.CommandsReceived);
        }
        finally
        {
            await connection.DisposeAsync();
            vpcd.Dispose();
            listener.Stop();
        }
    }

    [Fact]
    public async Task Unknown_control_byte_faults_completion_with_invalid_data()
    {
        var (listener, connection, vpcd) = await StartAsync(VirtualMyNumberCards.Standard());
        try
        {
            await SendFrameAsync(vpcd.GetStream(), [0x07]);
            await Assert.ThrowsAsync<InvalidDataException>(() => connection.Completion.WaitAsync(Bound));
        }
        finally
        {
            await connection.DisposeAsync();
            vpcd.Dispose();
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("192.168.1.10")]
    [InlineData("0.0.0.0")]
    [InlineData("example.com")]
    [InlineData("10.0.0.1")]
    public async Task Refuses_hosts_other_than_loopback(string host)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => VpcdCardConnection.ConnectAsync(VirtualMyNumberCards.Standard(), host, 35963));
    }
}
