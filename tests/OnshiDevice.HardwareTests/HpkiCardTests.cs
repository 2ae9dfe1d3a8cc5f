using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.Hpki;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The HPKI doctor card through the production path: gRPC service, PC/SC binding, pcscd, vpcd, virtual card.
/// The signature is the one APDU larger than a short APDU can carry, so its form on the wire is asserted.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class HpkiCardTests(PcscdFixture pcscd)
{
    private const string Reader = PcscdFixture.Slot0Reader;
    private const byte PerformSecurityOperation = 0x2A;
    private const byte ChainingClassBit = 0x10;

    // 4 header bytes, 3 extended Lc bytes (00 01 00), the 256-byte PKCS#1 block, 2 extended Le bytes.
    private const int ExtendedSignatureCommandLength = 4 + 3 + 256 + 2;

    [Fact]
    public async Task IdentifyCard_finds_both_HPKI_applications_through_pcscd()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings());
        var card = VirtualHpkiCards.Doctor();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        var identity = await service.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = Reader }, deadline: Deadline());

        Assert.Equal(CardType.Hpki, identity.CardType);
        Assert.Equal(["E828BD080FA000000391000000000001", "E828BD080FA000000391000000000002"], identity.Applications);
        Assert.Equal(card.Atr, identity.Atr.ToByteArray());
    }

    [Fact]
    public async Task Both_certificates_read_byte_identical_and_the_pin_status_is_fifteen_without_spending_a_try()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings());
        var card = VirtualHpkiCards.Doctor();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        Assert.Equal(card.SigningCertificate, await ReadAsync(service, CertificateKind.HpkiSigning));
        Assert.Equal(card.AuthenticationCertificate, await ReadAsync(service, CertificateKind.HpkiAuth));

        var status = await PinStatusAsync(service, PinKind.HpkiSigningPin);
        Assert.Equal(15, status.TriesLeft);
        Assert.Equal(15, status.MaxTries);
        Assert.False(status.TriesLeftUnknown);
        Assert.False(status.Blocked);
        Assert.Equal(15, (await PinStatusAsync(service, PinKind.HpkiAuthPin)).TriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.AuthenticationPinTriesLeft);
    }

    /// <summary>
    /// Answers the reference's open question 8 (vpcd.md): the 256-byte signature input reaches the card through
    /// pcscd and vpcd as one extended APDU (Lc 00 01 00), not as a command chain.
    /// </summary>
    [Theory]
    [InlineData(KeyKind.HpkiSigningKey)]
    [InlineData(KeyKind.HpkiAuthKey)]
    public async Task Sign_goes_through_pcscd_as_one_extended_APDU_and_the_certificate_key_verifies_it(KeyKind key)
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings());
        var doctor = VirtualHpkiCards.Doctor();
        var card = new RecordingCard(doctor);
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        var digest = SHA256.HashData("電子処方箋 hardware-in-the-loop"u8);

        var signed = await service.Cards.SignAsync(
            new SignRequest { Reader = Reader, Key = key, Pin = VirtualHpkiCards.Pin, Sha256Digest = ByteString.CopyFrom(digest) },
            deadline: Deadline());

        var signatureCommands = card.Commands.Where(command => command.Length >= 4 && command[1] == PerformSecurityOperation).ToList();
        var observed = string.Join(", ", signatureCommands.Select(Describe));
        var pso = Assert.Single(signatureCommands);
        Assert.True(pso.Length == ExtendedSignatureCommandLength, $"PSO commands seen by the card: {observed}");
        Assert.Equal(new byte[] { 0x00, 0x2A, 0x9E, 0x9A, 0x00, 0x01, 0x00 }, pso[..7]);
        Assert.Equal(new byte[] { 0x00, 0x00 }, pso[^2..]);
        Assert.DoesNotContain(card.Commands, command => command.Length > 0 && (command[0] & ChainingClassBit) != 0);

        using var certificate = X509CertificateLoader.LoadCertificate(key == KeyKind.HpkiSigningKey ? doctor.SigningCertificate : doctor.AuthenticationCertificate);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyHash(digest, signed.Signature.ToByteArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(VirtualHpkiCard.MaximumTries, doctor.SigningPinTriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, doctor.AuthenticationPinTriesLeft);
    }

    [Fact]
    public async Task A_wrong_pin_counts_down_to_fourteen_and_the_card_agrees()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings());
        var card = VirtualHpkiCards.Doctor();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        var wrong = await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, "0000", allowLastTry: false));

        Assert.Equal(StatusCode.PermissionDenied, wrong.StatusCode);
        Assert.Equal("PIN_INCORRECT", wrong.Info().Reason);
        Assert.Equal("14", wrong.Info().Metadata["tries_left"]);
        Assert.Equal(14, card.SigningPinTriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.AuthenticationPinTriesLeft);
        Assert.Equal(14, (await PinStatusAsync(service, PinKind.HpkiSigningPin)).TriesLeft);

        var verified = await service.Cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = Reader, PinKind = PinKind.HpkiSigningPin, Pin = VirtualHpkiCards.Pin }, deadline: Deadline());
        Assert.Equal(15, verified.Status.TriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_card_one_try_from_blocking_is_refused_without_allow_last_try_and_keeps_its_try()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings());
        var card = VirtualHpkiCards.OneTryFromBlocking();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        Assert.Equal(1, (await PinStatusAsync(service, PinKind.HpkiSigningPin)).TriesLeft);

        var refusedVerify = await Assert.ThrowsAsync<RpcException>(() => VerifyAsync(service, VirtualHpkiCards.Pin, allowLastTry: false));
        var refusedSign = await Assert.ThrowsAsync<RpcException>(() => service.Cards.SignAsync(
            new SignRequest { Reader = Reader, Key = KeyKind.HpkiSigningKey, Pin = VirtualHpkiCards.Pin, Sha256Digest = ByteString.CopyFrom(new byte[32]) },
            deadline: Deadline()).ResponseAsync);

        Assert.Equal("LAST_TRY_REFUSED", refusedVerify.Info().Reason);
        Assert.Equal("LAST_TRY_REFUSED", refusedSign.Info().Reason);
        Assert.Equal("1", refusedSign.Info().Metadata["tries_left"]);
        Assert.Equal(1, card.SigningPinTriesLeft);

        var allowed = await service.Cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = Reader, PinKind = PinKind.HpkiSigningPin, Pin = VirtualHpkiCards.Pin, AllowLastTry = true }, deadline: Deadline());
        Assert.Equal(15, allowed.Status.TriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    private static string Describe(byte[] command) =>
        $"CLA {command[0]:X2} INS {command[1]:X2} {command.Length} bytes{(command.Length > 7 && command[4] == 0 ? " (extended Lc)" : "")}";

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    private static async Task<byte[]> ReadAsync(InProcessDeviceService service, CertificateKind kind)
    {
        var response = await service.Cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = Reader, Kind = kind }, deadline: Deadline());
        return response.Der.ToByteArray();
    }

    private static async Task<PinStatus> PinStatusAsync(InProcessDeviceService service, PinKind kind)
    {
        var response = await service.Cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = Reader, PinKind = kind }, deadline: Deadline());
        return response.Status;
    }

    private static async Task VerifyAsync(InProcessDeviceService service, string pin, bool allowLastTry) =>
        await service.Cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = Reader, PinKind = PinKind.HpkiSigningPin, Pin = pin, AllowLastTry = allowLastTry },
            deadline: Deadline());
}
