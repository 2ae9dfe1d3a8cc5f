using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.Hpki;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;

namespace OnshiDevice.IntegrationTests.Hpki;

/// <summary>The Cards RPCs with an HPKI card on the reader, through the in-process service.</summary>
public sealed class HpkiCardsServiceTests
{
    private static DateTime Soon => DateTime.UtcNow.AddSeconds(10);

    [Fact]
    public async Task IdentifyCard_finds_both_HPKI_applications()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var cards = new CardsClient(host.Channel);

        var response = await cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.CardReaderName }, deadline: Soon);

        Assert.Equal(CardType.Hpki, response.CardType);
        Assert.Equal(["E828BD080FA000000391000000000001", "E828BD080FA000000391000000000002"], response.Applications);
    }

    [Theory]
    [InlineData(CertificateKind.HpkiSigning)]
    [InlineData(CertificateKind.HpkiAuth)]
    public async Task ReadCertificate_returns_the_card_certificate_without_a_pin(CertificateKind kind)
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var cards = new CardsClient(host.Channel);

        var response = await cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = kind }, deadline: Soon);

        var expected = kind == CertificateKind.HpkiSigning ? host.HpkiCard.SigningCertificate : host.HpkiCard.AuthenticationCertificate;
        Assert.Equal(expected, response.Der.ToByteArray());
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_JPKI_certificate_kind_on_an_HPKI_card_is_unsupported()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var cards = new CardsClient(host.Channel);

        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "UNSUPPORTED_CARD", () =>
            cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = CertificateKind.JpkiAuth }, deadline: Soon).ResponseAsync);
    }

    [Fact]
    public async Task GetPinStatus_reports_fifteen_tries()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var cards = new CardsClient(host.Channel);

        var response = await cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin }, deadline: Soon);

        Assert.Equal(15, response.Status.TriesLeft);
        Assert.Equal(15, response.Status.MaxTries);
        Assert.False(response.Status.TriesLeftUnknown);
    }

    [Fact]
    public async Task A_card_that_hides_its_counter_reports_unknown_and_verify_needs_allow_last_try()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.WithoutRetryCounterQuery());
        var cards = new CardsClient(host.Channel);

        var status = await cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin }, deadline: Soon);
        Assert.True(status.Status.TriesLeftUnknown);
        Assert.False(status.Status.Blocked);

        var refused = await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "LAST_TRY_REFUSED", () =>
            cards.VerifyPinAsync(new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin, Pin = "0000" }, deadline: Soon).ResponseAsync);
        Assert.Equal("unknown", refused.Metadata["tries_left"]);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);

        var verified = await cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin, Pin = VirtualHpkiCards.Pin, AllowLastTry = true },
            deadline: Soon);
        Assert.Equal(15, verified.Status.TriesLeft);
    }

    [Fact]
    public async Task Wrong_pins_count_down_from_fifteen_and_a_right_one_resets()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var cards = new CardsClient(host.Channel);
        var wrong = new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin, Pin = "0000" };

        var first = await RpcErrors.AssertFailsAsync(StatusCode.PermissionDenied, "PIN_INCORRECT", () => cards.VerifyPinAsync(wrong, deadline: Soon).ResponseAsync);
        var second = await RpcErrors.AssertFailsAsync(StatusCode.PermissionDenied, "PIN_INCORRECT", () => cards.VerifyPinAsync(wrong, deadline: Soon).ResponseAsync);

        Assert.Equal("14", first.Metadata["tries_left"]);
        Assert.Equal("13", second.Metadata["tries_left"]);
        Assert.Equal(13, host.HpkiCard.SigningPinTriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.AuthenticationPinTriesLeft);

        await cards.VerifyPinAsync(new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin, Pin = VirtualHpkiCards.Pin }, deadline: Soon);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task The_last_try_is_refused_without_touching_the_counter()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.OneTryFromBlocking());
        var cards = new CardsClient(host.Channel);

        var refused = await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "LAST_TRY_REFUSED", () =>
            cards.SignAsync(
                new SignRequest { Reader = DeviceServiceHost.CardReaderName, Key = KeyKind.HpkiSigningKey, Pin = VirtualHpkiCards.Pin, Sha256Digest = ByteString.CopyFrom(new byte[32]) },
                deadline: Soon).ResponseAsync);

        Assert.Equal("1", refused.Metadata["tries_left"]);
        Assert.Equal(1, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task An_hpki_pin_with_a_bad_format_never_reaches_the_card()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var cards = new CardsClient(host.Channel);
        var before = host.CountingCard.Commands;

        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_PIN_FORMAT", () =>
            cards.VerifyPinAsync(new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin, Pin = "12 4" }, deadline: Soon).ResponseAsync);

        Assert.Equal(before, host.CountingCard.Commands);
    }

    [Theory]
    [InlineData(KeyKind.HpkiSigningKey)]
    [InlineData(KeyKind.HpkiAuthKey)]
    public async Task Sign_makes_a_signature_the_certificate_key_verifies(KeyKind key)
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var cards = new CardsClient(host.Channel);
        var digest = SHA256.HashData("電子処方箋 test"u8);

        var response = await cards.SignAsync(
            new SignRequest { Reader = DeviceServiceHost.CardReaderName, Key = key, Pin = VirtualHpkiCards.Pin, Sha256Digest = ByteString.CopyFrom(digest) },
            deadline: Soon);

        using var certificate = X509CertificateLoader.LoadCertificate(key == KeyKind.HpkiSigningKey ? host.HpkiCard.SigningCertificate : host.HpkiCard.AuthenticationCertificate);
        using var rsa = certificate.GetRSAPublicKey();
        Assert.NotNull(rsa);
        Assert.True(rsa.VerifyHash(digest, response.Signature.ToByteArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
