using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// Requests grpc-dotnet cannot read (too large, not protobuf, a string that is not UTF-8) fail
/// before any interceptor runs; they still get their documented code with an ErrorInfo, and the
/// channel stays usable. The bytes go out as they are, through a byte[] method on the channel.
/// </summary>
public sealed class UnreadableRequestTests : IAsyncLifetime
{
    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, byte[]> MalformedRequests() => new()
    {
        // service, method, bytes
        { "onshi.device.v1.Cards", "IdentifyCard", [0x0A, 0x05, 0x41] },                 // length-delimited field cut short
        { "onshi.device.v1.Cards", "IdentifyCard", [0x0A, 0x02, 0xC3, 0x28] },           // reader: C3 28 is not UTF-8
        { "onshi.device.v1.Cards", "VerifyPin", [0x1A, 0x03, 0xED, 0xA0, 0x80] },        // pin: an encoded surrogate
        { "onshi.device.v1.Cards", "Sign", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] }, // a tag varint too long
        { "onshi.device.v1.Certificates", "Verify", [0x2A, 0x01, 0xFF] },               // allowed_hc_roles[0]: FF
        { "onshi.device.v1.Certificates", "Verify", [0x0B] },                            // start group with no end
        { "onshi.device.v1.Readers", "ListReaders", [0x0A, 0x05] },
        { "grpc.health.v1.Health", "Check", [0x0A, 0x01, 0x80] },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_request_that_is_not_protobuf_or_not_utf8_is_a_malformed_request(string service, string method, byte[] bytes)
    {
        var info = await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "MALFORMED_REQUEST", () => CallRawAsync(service, method, bytes));

        Assert.Empty(info.Metadata);
        await AssertChannelUsableAsync();
    }

    [Fact]
    public async Task A_server_streaming_request_that_is_not_protobuf_is_a_malformed_request()
    {
        var watch = new Method<byte[], byte[]>(MethodType.ServerStreaming, "onshi.device.v1.Readers", "WatchReaders", RawBytes, RawBytes);
        using var call = _host.Channel.CreateCallInvoker().AsyncServerStreamingCall(watch, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), [0x0A, 0x05]);

        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "MALFORMED_REQUEST", () => call.ResponseStream.MoveNext(CancellationToken.None));
        await AssertChannelUsableAsync();
    }

    [Fact]
    public async Task A_request_above_the_message_limit_is_resource_exhausted()
    {
        var bytes = UnknownFieldMessage(RequestValidator.MaxRequestMessageBytes + 1);

        await RpcErrors.AssertFailsAsync(StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE", () => CallRawAsync("onshi.device.v1.Cards", "IdentifyCard", bytes));
        await AssertChannelUsableAsync();
    }

    [Fact]
    public async Task A_request_of_exactly_the_message_limit_is_read_and_validated()
    {
        // Well-formed protobuf of the limit's size whose reader is empty: the validator, not the reader, refuses it.
        var bytes = UnknownFieldMessage(RequestValidator.MaxRequestMessageBytes);

        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => CallRawAsync("onshi.device.v1.Cards", "IdentifyCard", bytes));
    }

    [Fact]
    public void A_verify_request_with_every_field_at_its_maximum_fits_the_message_limit()
    {
        var certificate = ByteString.CopyFrom(new byte[RequestValidator.MaxCertificateBytes]);
        var request = new VerifyRequest
        {
            Der = certificate,
            Purpose = CertificatePurpose.HpkiSigning,
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.MaxValue.ToUniversalTime()),
        };
        request.Intermediates.AddRange(Enumerable.Repeat(certificate, RequestValidator.MaxIntermediates));

        // Three UTF-8 bytes per character is the most a character within the BMP takes; four for one beyond, which counts once.
        request.AllowedHcRoles.AddRange(Enumerable.Repeat(string.Concat(Enumerable.Repeat("\U0001F600", RequestValidator.MaxHcRoleLength)), RequestValidator.MaxHcRoles));

        Assert.True(request.CalculateSize() <= RequestValidator.MaxRequestMessageBytes, $"{request.CalculateSize()} bytes");
    }

    [Fact]
    public async Task Over_real_http2_the_rewritten_statuses_reach_the_client_too()
    {
        await using var loopback = await DeviceServiceHost.StartOnLoopbackAsync();

        await RpcErrors.AssertFailsAsync(StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE", () =>
            CallRawAsync(loopback, "onshi.device.v1.Cards", "IdentifyCard", UnknownFieldMessage(RequestValidator.MaxRequestMessageBytes + 1)));
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "MALFORMED_REQUEST", () =>
            CallRawAsync(loopback, "onshi.device.v1.Cards", "IdentifyCard", [0x0A, 0x02, 0xC3, 0x28]));
        var readers = await new Readers.ReadersClient(loopback.Channel).ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(2, readers.Readers.Count);
    }

    // A message whose only field is an unknown bytes field (number 15), padded to exactly the given size.
    private static byte[] UnknownFieldMessage(int size)
    {
        var output = new MemoryStream();
        var payloadLength = size - 1 - CodedOutputStream.ComputeLengthSize(size);
        while (1 + CodedOutputStream.ComputeLengthSize(payloadLength) + payloadLength != size)
        {
            payloadLength--;
        }

        using (var coded = new CodedOutputStream(output, leaveOpen: true))
        {
            coded.WriteTag(15, WireFormat.WireType.LengthDelimited);
            coded.WriteBytes(ByteString.CopyFrom(new byte[payloadLength]));
        }

        var bytes = output.ToArray();
        Assert.Equal(size, bytes.Length);
        return bytes;
    }

    private Task<byte[]> CallRawAsync(string service, string method, byte[] bytes) => CallRawAsync(_host, service, method, bytes);

    private static Task<byte[]> CallRawAsync(DeviceServiceHost host, string service, string method, byte[] bytes)
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, service, method, RawBytes, RawBytes);
        return host.Channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), bytes).ResponseAsync;
    }

    private async Task AssertChannelUsableAsync()
    {
        var readers = await new Readers.ReadersClient(_host.Channel).ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(2, readers.Readers.Count);
    }
}
