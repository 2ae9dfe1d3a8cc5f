using Google.Protobuf;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// Each ready-made HPKI card end to end: both certificates read through pcscd, then verified by the
/// service against the simulators' trust anchors, CA certificates and CRLs, with the roles a clinic accepts.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class HpkiVerificationTests(PcscdFixture pcscd)
{
    private const string Reader = PcscdFixture.Slot0Reader;
    private static readonly string[] DoctorRoles = ["Medical Doctor", "Dentist"];

    [Theory]
    [InlineData("doctor", "", "", RevocationStatus.Good)]
    [InlineData("pharmacist", "HcRoleNotAllowed", "HcRoleNotAllowed", RevocationStatus.Good)]
    [InlineData("expired", "Expired", "Expired", RevocationStatus.NotChecked)]
    [InlineData("revoked", "Revoked", "Revoked", RevocationStatus.Revoked)]
    [InlineData("one-try", "", "", RevocationStatus.Good)]
    public async Task Certificates_read_through_pcscd_get_the_cards_verdict(
        string cardName, string signingFailures, string authenticationFailures, RevocationStatus revocation)
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings());
        var card = Card(cardName);
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        var signing = await ReadAsync(service, CertificateKind.HpkiSigning);
        var authentication = await ReadAsync(service, CertificateKind.HpkiAuth);
        Assert.Equal(card.SigningCertificate, signing);
        Assert.Equal(card.AuthenticationCertificate, authentication);

        var signingVerdict = await VerifyAsync(service, signing, CertificatePurpose.HpkiSigning);
        var authenticationVerdict = await VerifyAsync(service, authentication, CertificatePurpose.HpkiAuthentication);

        AssertVerdict(signingFailures, revocation, signingVerdict);
        AssertVerdict(authenticationFailures, revocation, authenticationVerdict);
        Assert.Equal(3, signingVerdict.Path.Count);
        Assert.Equal(3, authenticationVerdict.Path.Count);
    }

    [Fact]
    public async Task A_pharmacists_card_is_valid_where_pharmacists_may_sign_and_names_the_role()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings());
        var card = VirtualHpkiCards.Pharmacist();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        var signing = await ReadAsync(service, CertificateKind.HpkiSigning);

        var forDoctors = await VerifyAsync(service, signing, CertificatePurpose.HpkiSigning);
        var forPharmacists = await VerifyAsync(service, signing, CertificatePurpose.HpkiSigning, "Pharmacist");

        Assert.Equal("Pharmacist", forDoctors.HcRole);
        Assert.Equal([VerificationFailureReason.HcRoleNotAllowed], forDoctors.Failures.Select(failure => failure.Reason));
        Assert.True(forPharmacists.Valid, Describe(forPharmacists));
    }

    /// <summary>
    /// The CRL folder is shaped as the real HPKI publishes it (the root's ARL with a critical issuingDistributionPoint, and
    /// its RARL): the doctor's card read through pcscd is good with it, and without the ARL the CA certificate is not covered.
    /// </summary>
    [Fact]
    public async Task A_doctors_card_read_through_pcscd_is_good_against_real_shaped_crls_and_needs_the_roots_arl()
    {
        var crls = SimulatedTrustFolder.Settings()["Pki:Crls"]!;
        var arl = await File.ReadAllBytesAsync(Path.Combine(crls, "hpki-test-root-arl.crl"));
        Assert.True(arl.AsSpan().IndexOf(Convert.FromHexString("0603551D1C0101FF")) >= 0, "the root's ARL has no critical IDP");
        using var withoutArl = TemporarySimulatedTrust.Create(DateTimeOffset.UtcNow);
        File.Delete(Path.Combine(withoutArl.ServiceSettings["Pki:Crls"]!, "hpki-test-root-arl.crl"));
        var card = VirtualHpkiCards.Doctor();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        byte[] signing;
        VerifyResponse good;
        await using (var service = await InProcessDeviceService.StartAsync(pcscd.Api, SimulatedTrustFolder.Settings()))
        {
            signing = await ReadAsync(service, CertificateKind.HpkiSigning);
            good = await VerifyAsync(service, signing, CertificatePurpose.HpkiSigning);
        }

        await using var missingArl = await InProcessDeviceService.StartAsync(pcscd.Api, withoutArl.ServiceSettings);
        var unknown = await VerifyAsync(missingArl, await ReadAsync(missingArl, CertificateKind.HpkiSigning), CertificatePurpose.HpkiSigning);

        Assert.Equal(card.SigningCertificate, signing);
        Assert.True(good.Valid, Describe(good));
        Assert.Equal(RevocationStatus.Good, good.Revocation);
        Assert.Equal(RevocationStatus.Unknown, unknown.Revocation);
        var failure = Assert.Single(unknown.Failures);
        Assert.Equal(VerificationFailureReason.CrlMissing, failure.Reason);
        Assert.Equal(1, failure.ChainIndex);
        Assert.Contains("CN=RARL", failure.Detail, StringComparison.Ordinal);
    }

    /// <summary>A clinic that has not configured trust yet (the shipped appsettings.json) still gets a service, and a verdict that names what is missing.</summary>
    [Fact]
    public async Task Without_trust_settings_the_card_still_works_and_verification_names_what_is_missing()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        var card = VirtualHpkiCards.Doctor();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        var signing = await ReadAsync(service, CertificateKind.HpkiSigning);

        var verdict = await VerifyAsync(service, signing, CertificatePurpose.HpkiSigning);

        Assert.Equal(card.SigningCertificate, signing);
        Assert.False(verdict.Valid);
        Assert.Contains(verdict.Failures, failure => failure.Reason == VerificationFailureReason.NoPathToTrustAnchor);
        Assert.Equal(RevocationStatus.NotChecked, verdict.Revocation);
    }

    private static VirtualHpkiCard Card(string name) => name switch
    {
        "doctor" => VirtualHpkiCards.Doctor(),
        "pharmacist" => VirtualHpkiCards.Pharmacist(),
        "expired" => VirtualHpkiCards.Expired(),
        "revoked" => VirtualHpkiCards.Revoked(),
        "one-try" => VirtualHpkiCards.OneTryFromBlocking(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such virtual HPKI card."),
    };

    private static void AssertVerdict(string expectedFailures, RevocationStatus revocation, VerifyResponse verdict)
    {
        var expected = expectedFailures.Length == 0
            ? []
            : expectedFailures.Split(',').Select(reason => Enum.Parse<VerificationFailureReason>(reason)).ToList();

        Assert.True(expected.SequenceEqual(verdict.Failures.Select(failure => failure.Reason)), Describe(verdict));
        Assert.Equal(expected.Count == 0, verdict.Valid);
        Assert.Equal(revocation, verdict.Revocation);
        Assert.All(verdict.Failures, failure => Assert.Equal(0, failure.ChainIndex));
    }

    private static string Describe(VerifyResponse response) =>
        $"valid={response.Valid} revocation={response.Revocation} failures: "
        + string.Join("; ", response.Failures.Select(failure => $"{failure.Reason} [{failure.ChainIndex}] {failure.Detail}"));

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    private static async Task<byte[]> ReadAsync(InProcessDeviceService service, CertificateKind kind)
    {
        var response = await service.Cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = Reader, Kind = kind }, deadline: Deadline());
        return response.Der.ToByteArray();
    }

    private static async Task<VerifyResponse> VerifyAsync(InProcessDeviceService service, byte[] der, CertificatePurpose purpose, params string[] roles)
    {
        var request = new VerifyRequest { Der = ByteString.CopyFrom(der), Purpose = purpose };
        request.AllowedHcRoles.AddRange(roles.Length == 0 ? DoctorRoles : roles);
        return await service.Certificates.VerifyAsync(request, deadline: Deadline());
    }
}
