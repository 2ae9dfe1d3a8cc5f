using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;

namespace OnshiDevice.IntegrationTests;

/// <summary>Malformed requests fail before the card sees a single command, so they never cost a PIN try.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;
    private CardsClient _cards = null!;

    public async Task InitializeAsync()
    {
        _host = await DeviceServiceHost.StartAsync();
        _cards = new CardsClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, StatusCode, string, string> BadSignRequests() => new()
    {
        // name, reader, code, reason, field (empty: no BadRequest detail)
        { "unknown reader", "No Such Reader", StatusCode.NotFound, "READER_NOT_FOUND", "" },
        { "empty reader", "", StatusCode.InvalidArgument, "INVALID_ARGUMENT", "reader" },
    };

    [Theory]
    [MemberData(nameof(BadSignRequests))]
    public async Task Sign_with_a_bad_reader_never_reaches_the_card(string name, string reader, StatusCode code, string reason, string field)
    {
        Assert.NotEmpty(name);
        await RpcErrors.AssertFailsAsync(code, reason, () => _cards.SignAsync(ValidSign(reader), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        await AssertCardUntouchedAsync();
        if (field.Length > 0)
        {
            await AssertFieldViolationAsync(field, () => _cards.SignAsync(ValidSign(reader), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        }
    }

    [Theory]
    [InlineData("Card Reader\0")]
    [InlineData("Card\u0007Reader")]
    [InlineData("Card Reader\r\n")]
    public async Task A_reader_name_with_control_characters_is_invalid(string reader)
    {
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => _cards.SignAsync(ValidSign(reader), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        await AssertFieldViolationAsync("reader", () => _cards.SignAsync(ValidSign(reader), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        await AssertCardUntouchedAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public async Task Sign_with_a_digest_that_is_not_32_bytes_is_invalid(int length)
    {
        var request = ValidSign(DeviceServiceHost.CardReaderName);
        request.Sha256Digest = ByteString.CopyFrom(new byte[length]);

        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => _cards.SignAsync(request, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        await AssertFieldViolationAsync("sha256_digest", () => _cards.SignAsync(request, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        await AssertCardUntouchedAsync();
    }

    [Theory]
    [InlineData(PinKind.JpkiAuthPin, "12a4")]
    [InlineData(PinKind.JpkiAuthPin, "123")]
    [InlineData(PinKind.JpkiAuthPin, "12345")]
    [InlineData(PinKind.JpkiAuthPin, "")]
    [InlineData(PinKind.JpkiSigningPassword, "ABC12")]
    [InlineData(PinKind.JpkiSigningPassword, "ABCDEFGHIJ1234567")]
    [InlineData(PinKind.JpkiSigningPassword, "ABC-123")]
    public async Task VerifyPin_with_a_malformed_pin_is_refused_without_spending_a_try(PinKind kind, string pin)
    {
        var request = new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = kind, Pin = pin };

        var info = await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_PIN_FORMAT", () => _cards.VerifyPinAsync(request, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.DoesNotContain(pin.Length > 0 ? pin : "\u0000", info.ToString(), StringComparison.Ordinal);
        await AssertCardUntouchedAsync();
    }

    [Fact]
    public async Task Unspecified_enums_are_invalid()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName }, deadline: deadline).ResponseAsync);
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _cards.VerifyPinAsync(new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, Pin = "1234" }, deadline: deadline).ResponseAsync);
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName }, deadline: deadline).ResponseAsync);
        var sign = ValidSign(DeviceServiceHost.CardReaderName);
        sign.Key = KeyKind.Unspecified;
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => _cards.SignAsync(sign, deadline: deadline).ResponseAsync);
        await AssertFieldViolationAsync("key", () => _cards.SignAsync(sign, deadline: deadline).ResponseAsync);
        await AssertFieldViolationAsync("pin_kind", () =>
            _cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName }, deadline: deadline).ResponseAsync);

        await AssertCardUntouchedAsync();
    }

    [Fact]
    public async Task A_pin_sent_where_none_is_needed_is_refused()
    {
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = CertificateKind.JpkiAuth, Pin = "1234" }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        await AssertCardUntouchedAsync();
    }

    private static SignRequest ValidSign(string reader) => new()
    {
        Reader = reader,
        Key = KeyKind.JpkiAuthKey,
        Pin = "1234",
        Sha256Digest = ByteString.CopyFrom(new byte[32]),
    };

    private static async Task AssertFieldViolationAsync(string field, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest.FieldViolations, violation => violation.Field == field);
    }

    private async Task AssertCardUntouchedAsync()
    {
        Assert.Equal(0, _host.CountingCard.Commands);
        Assert.Equal(3, _host.Card.AuthPinTriesLeft);
        Assert.Equal(5, _host.Card.SigningPasswordTriesLeft);
        await Task.CompletedTask;
    }
}
