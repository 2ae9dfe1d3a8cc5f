using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.PcSc.Iso7816;
using OnshiDevice.Service.Cards;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.IntegrationTests;

public sealed class CardsServiceTests : IAsyncLifetime
{
    private const string JpkiAid = "D392F000260100000001";

    private DeviceServiceHost _host = null!;
    private CardsClient _cards = null!;

    public async Task InitializeAsync()
    {
        _host = await DeviceServiceHost.StartAsync();
        _cards = new CardsClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static DateTime Soon => DateTime.UtcNow.AddSeconds(10);

    [Fact]
    public async Task IdentifyCard_finds_a_my_number_card_by_its_jpki_application()
    {
        var response = await _cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.CardReaderName }, deadline: Soon);

        Assert.Equal(CardType.MyNumber, response.CardType);
        Assert.Contains(JpkiAid, response.Applications);
        Assert.Equal(_host.Card.Atr, response.Atr.ToByteArray());
    }

    [Theory]
    [InlineData(CertificateKind.JpkiAuth)]
    [InlineData(CertificateKind.JpkiAuthCa)]
    [InlineData(CertificateKind.JpkiSigningCa)]
    public async Task ReadCertificate_returns_the_card_bytes_without_a_pin(CertificateKind kind)
    {
        var response = await _cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = kind }, deadline: Soon);

        var expected = kind switch
        {
            CertificateKind.JpkiAuth => _host.Card.AuthCertificate,
            CertificateKind.JpkiAuthCa => _host.Card.AuthCaCertificate,
            _ => _host.Card.SigningCaCertificate,
        };
        Assert.Equal(kind, response.Kind);
        Assert.Equal(expected, response.Der.ToByteArray());
    }

    [Fact]
    public async Task ReadCertificate_signing_needs_the_password_and_accepts_lower_case()
    {
        await using var host = await DeviceServiceHost.StartAsync(settings: InProcessDeviceService.AllowJpkiSigningCertificateRead);
        var cards = new CardsClient(host.Channel);

        var response = await cards.ReadCertificateAsync(
            new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = CertificateKind.JpkiSigning, Pin = VirtualMyNumberCards.SigningPassword.ToLowerInvariant() },
            deadline: Soon);

        Assert.Equal(host.Card.SigningCertificate, response.Der.ToByteArray());
        Assert.Equal(5, host.Card.SigningPasswordTriesLeft);
    }

    [Fact]
    public async Task ReadCertificate_signing_without_password_is_refused_before_the_card()
    {
        await using var host = await DeviceServiceHost.StartAsync(settings: InProcessDeviceService.AllowJpkiSigningCertificateRead);
        var cards = new CardsClient(host.Channel);

        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_PIN_FORMAT", () =>
            cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = CertificateKind.JpkiSigning }, deadline: Soon).ResponseAsync);

        Assert.Equal(0, host.CountingCard.Commands);
    }

    [Theory]
    [InlineData("")]
    [InlineData(VirtualMyNumberCards.SigningPassword)]
    [InlineData("WRONG99")]
    public async Task ReadCertificate_signing_is_off_by_default_and_refused_before_the_card_and_the_password(string password)
    {
        var failure = await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "DISABLED_BY_CONFIGURATION", () =>
            _cards.ReadCertificateAsync(
                new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = CertificateKind.JpkiSigning, Pin = password },
                deadline: Soon).ResponseAsync);

        Assert.Equal("OnshiDevice:AllowJpkiSigningCertificateRead", failure.Metadata["setting"]);
        Assert.Equal(0, _host.CountingCard.Commands);
        Assert.Equal(5, _host.Card.SigningPasswordTriesLeft);
    }

    [Fact]
    public async Task ReadCertificate_signing_stays_off_when_the_setting_says_false()
    {
        await using var host = await DeviceServiceHost.StartAsync(settings: new Dictionary<string, string?> { ["OnshiDevice:AllowJpkiSigningCertificateRead"] = "false" });
        var cards = new CardsClient(host.Channel);

        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "DISABLED_BY_CONFIGURATION", () =>
            cards.ReadCertificateAsync(
                new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = CertificateKind.JpkiSigning, Pin = VirtualMyNumberCards.SigningPassword },
                deadline: Soon).ResponseAsync);
        Assert.Equal(0, host.CountingCard.Commands);
    }

    [Fact]
    public async Task GetPinStatus_reports_tries_without_spending_one()
    {
        var auth = await _cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin }, deadline: Soon);
        var signing = await _cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiSigningPassword }, deadline: Soon);

        Assert.Equal(new PinStatus { PinKind = PinKind.JpkiAuthPin, TriesLeft = 3, MaxTries = 3, Blocked = false }, auth.Status);
        Assert.Equal(new PinStatus { PinKind = PinKind.JpkiSigningPassword, TriesLeft = 5, MaxTries = 5, Blocked = false }, signing.Status);
        Assert.Equal(3, _host.Card.AuthPinTriesLeft);
    }

    [Fact]
    public async Task VerifyPin_with_the_right_pin_reports_full_tries()
    {
        var response = await _cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin, Pin = VirtualMyNumberCards.AuthPin },
            deadline: Soon);

        Assert.Equal(3, response.Status.TriesLeft);
        Assert.False(response.Status.Blocked);
    }

    [Fact]
    public async Task VerifyPin_wrong_counts_down_refuses_the_last_try_then_blocks_when_allowed()
    {
        VerifyPinRequest Wrong(bool allowLastTry = false) =>
            new() { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin, Pin = "9999", AllowLastTry = allowLastTry };

        var first = await RpcErrors.AssertFailsAsync(StatusCode.PermissionDenied, "PIN_INCORRECT", () => _cards.VerifyPinAsync(Wrong(), deadline: Soon).ResponseAsync);
        Assert.Equal("2", first.Metadata["tries_left"]);
        var second = await RpcErrors.AssertFailsAsync(StatusCode.PermissionDenied, "PIN_INCORRECT", () => _cards.VerifyPinAsync(Wrong(), deadline: Soon).ResponseAsync);
        Assert.Equal("1", second.Metadata["tries_left"]);

        var refused = await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "LAST_TRY_REFUSED", () => _cards.VerifyPinAsync(Wrong(), deadline: Soon).ResponseAsync);
        Assert.Equal("1", refused.Metadata["tries_left"]);
        Assert.Equal(1, _host.Card.AuthPinTriesLeft);

        await RpcErrors.AssertFailsAsync(StatusCode.PermissionDenied, "PIN_BLOCKED", () => _cards.VerifyPinAsync(Wrong(allowLastTry: true), deadline: Soon).ResponseAsync);
        Assert.Equal(0, _host.Card.AuthPinTriesLeft);

        var status = await _cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin }, deadline: Soon);
        Assert.True(status.Status.Blocked);
        await RpcErrors.AssertFailsAsync(StatusCode.PermissionDenied, "PIN_BLOCKED", () =>
            _cards.VerifyPinAsync(new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin, Pin = VirtualMyNumberCards.AuthPin, AllowLastTry = true }, deadline: Soon).ResponseAsync);
    }

    [Theory]
    [InlineData(KeyKind.JpkiAuthKey, VirtualMyNumberCards.AuthPin)]
    [InlineData(KeyKind.JpkiSigningKey, VirtualMyNumberCards.SigningPassword)]
    public async Task Sign_produces_a_signature_the_certificate_key_verifies(KeyKind key, string pin)
    {
        var digest = SHA256.HashData("OnshiDevice eligibility check"u8);

        var response = await _cards.SignAsync(
            new SignRequest { Reader = DeviceServiceHost.CardReaderName, Key = key, Pin = pin, Sha256Digest = ByteString.CopyFrom(digest) },
            deadline: Soon);

        var certificate = X509CertificateLoader.LoadCertificate(key == KeyKind.JpkiAuthKey ? _host.Card.AuthCertificate : _host.Card.SigningCertificate);
        using var rsa = certificate.GetRSAPublicKey();
        Assert.NotNull(rsa);
        Assert.True(rsa.VerifyHash(digest, response.Signature.ToByteArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_verified_pin_does_not_outlive_the_call()
    {
        await _cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin, Pin = VirtualMyNumberCards.AuthPin },
            deadline: Soon);

        // Straight through PC/SC, without a VERIFY: the card must want the PIN again.
        using var pcsc = PcscContext.Establish(_host.Api);
        using var connection = pcsc.Connect(DeviceServiceHost.CardReaderName);
        var card = MyNumberCard.Open(ApduChannels.Over(connection));
        Assert.Throws<SecurityStatusNotSatisfiedException>(() => card.SignDigest(JpkiKey.AuthKey, new byte[32]));
    }

    [Fact]
    public async Task A_call_on_the_empty_reader_fails_with_no_card()
    {
        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "NO_CARD", () =>
            _cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.EmptyReaderName }, deadline: Soon).ResponseAsync);
    }

    [Fact]
    public async Task A_card_without_the_jpki_application_is_unsupported()
    {
        _host.EmptyReader.Insert(new FileNotFoundCard());

        var identity = await _cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.EmptyReaderName }, deadline: Soon);
        Assert.Equal(CardType.Unknown, identity.CardType);
        Assert.Empty(identity.Applications);
        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "UNSUPPORTED_CARD", () =>
            _cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.EmptyReaderName, Kind = CertificateKind.JpkiAuth }, deadline: Soon).ResponseAsync);
    }
}
