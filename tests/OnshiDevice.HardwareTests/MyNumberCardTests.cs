using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests;

/// <summary>The My Number card through the production path: gRPC service, PC/SC binding, pcscd, vpcd, virtual card.</summary>
[Collection(PcscdCollection.Name)]
public sealed class MyNumberCardTests(PcscdFixture pcscd)
{
    private const string Reader = PcscdFixture.Slot0Reader;

    [Fact]
    public async Task IdentifyCard_finds_the_JPKI_application()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        var card = VirtualMyNumberCards.Standard();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        var identity = await service.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = Reader }, deadline: Deadline());

        Assert.Equal(CardType.MyNumber, identity.CardType);
        Assert.Contains("D392F000260100000001", identity.Applications);
        Assert.Equal(card.Atr, identity.Atr.ToByteArray());
    }

    [Fact]
    public async Task Certificates_read_through_pcscd_are_byte_identical_to_what_the_card_holds()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, InProcessDeviceService.AllowJpkiSigningCertificateRead);
        var card = VirtualMyNumberCards.Standard();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        Assert.Equal(card.AuthCertificate, await ReadAsync(service, CertificateKind.JpkiAuth));
        Assert.Equal(card.AuthCaCertificate, await ReadAsync(service, CertificateKind.JpkiAuthCa));
        Assert.Equal(card.SigningCaCertificate, await ReadAsync(service, CertificateKind.JpkiSigningCa));
        Assert.Equal(card.SigningCertificate, await ReadAsync(service, CertificateKind.JpkiSigning, VirtualMyNumberCards.SigningPassword));
    }

    [Fact]
    public async Task Wrong_PINs_count_down_the_last_try_is_refused_unless_allowed_then_the_PIN_blocks()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        var card = VirtualMyNumberCards.Standard();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        Assert.Equal(3, (await PinStatusAsync(service)).TriesLeft);

        var first = await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, "0000", allowLastTry: false));
        Assert.Equal("PIN_INCORRECT", first.Info().Reason);
        Assert.Equal("2", first.Info().Metadata["tries_left"]);

        var second = await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, "0000", allowLastTry: false));
        Assert.Equal("1", second.Info().Metadata["tries_left"]);
        Assert.Equal(1, card.AuthPinTriesLeft);

        var refused = await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, "0000", allowLastTry: false));
        Assert.Equal("LAST_TRY_REFUSED", refused.Info().Reason);
        Assert.Equal(1, card.AuthPinTriesLeft);

        var blocked = await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, "0000", allowLastTry: true));
        Assert.Equal("PIN_BLOCKED", blocked.Info().Reason);
        Assert.Equal(0, card.AuthPinTriesLeft);

        var status = await PinStatusAsync(service);
        Assert.True(status.Blocked);
        Assert.Equal(0, status.TriesLeft);

        // Even the right PIN cannot unblock it, and the service does not pretend otherwise.
        var stillBlocked = await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, VirtualMyNumberCards.AuthPin, allowLastTry: true));
        Assert.Equal("PIN_BLOCKED", stillBlocked.Info().Reason);
    }

    [Fact]
    public async Task A_right_PIN_resets_the_counter_and_the_signature_verifies_with_the_auth_certificate()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        var card = VirtualMyNumberCards.Standard();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, "9999", allowLastTry: false));
        Assert.Equal(2, card.AuthPinTriesLeft);

        var digest = SHA256.HashData("onshi hardware-in-the-loop"u8);
        var signed = await service.Cards.SignAsync(
            new SignRequest { Reader = Reader, Key = KeyKind.JpkiAuthKey, Pin = VirtualMyNumberCards.AuthPin, Sha256Digest = ByteString.CopyFrom(digest) },
            deadline: Deadline());

        Assert.Equal(3, card.AuthPinTriesLeft);
        using var certificate = X509CertificateLoader.LoadCertificate(card.AuthCertificate);
        using var key = certificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyHash(digest, signed.Signature.ToByteArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_card_removed_during_a_certificate_read_ends_the_call_with_CARD_REMOVED_and_the_next_call_works()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        var stalling = new StallingCard(VirtualMyNumberCards.Standard());
        var tap = await pcscd.TapAsync(stalling, PcscdFixture.Slot0Port, Reader);

        var read = service.Cards.ReadCertificateAsync(
            new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth }, deadline: Deadline()).ResponseAsync;
        await stalling.ReadStarted.WaitAsync(TimeSpan.FromSeconds(20));

        var removedAt = Stopwatch.StartNew();
        var removal = tap.DisposeAsync().AsTask();
        stalling.Release();
        var failure = await Assert.ThrowsAsync<RpcException>(() => read);
        var elapsed = removedAt.Elapsed;
        await removal;

        Assert.Equal("CARD_REMOVED", failure.Info().Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"The call ended {elapsed.TotalMilliseconds:F0} ms after the removal; the bound is 1 s.");

        var card = VirtualMyNumberCards.Standard();
        await using var again = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        Assert.Equal(card.AuthCertificate, await ReadAsync(service, CertificateKind.JpkiAuth));
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    private static async Task<byte[]> ReadAsync(InProcessDeviceService service, CertificateKind kind, string pin = "")
    {
        var response = await service.Cards.ReadCertificateAsync(
            new ReadCertificateRequest { Reader = Reader, Kind = kind, Pin = pin }, deadline: Deadline());
        return response.Der.ToByteArray();
    }

    private static async Task<PinStatus> PinStatusAsync(InProcessDeviceService service)
    {
        var response = await service.Cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = Reader, PinKind = PinKind.JpkiAuthPin }, deadline: Deadline());
        return response.Status;
    }

    private static async Task VerifyAsync(InProcessDeviceService service, string pin, bool allowLastTry) =>
        await service.Cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = Reader, PinKind = PinKind.JpkiAuthPin, Pin = pin, AllowLastTry = allowLastTry },
            deadline: Deadline());
}
