using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;
using CertificatesClient = OnshiDevice.Contracts.V1.Certificates.CertificatesClient;

namespace OnshiDevice.IntegrationTests.Hpki;

/// <summary>Certificates.Verify against the simulators' trust anchors and CRLs, configured as a clinic would.</summary>
public sealed class CertificatesServiceTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;
    private CertificatesClient _certificates = null!;

    private static DateTime Soon => DateTime.UtcNow.AddSeconds(10);

    public async Task InitializeAsync()
    {
        _host = await DeviceServiceHost.StartAsync();
        _certificates = new CertificatesClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_doctors_signing_certificate_is_valid_for_prescriptions()
    {
        var response = await VerifyAsync(VirtualHpkiCards.Doctor().SigningCertificate, CertificatePurpose.HpkiSigning, roles: ["Medical Doctor", "Dentist"]);

        Assert.True(response.Valid, Describe(response));
        Assert.Empty(response.Failures);
        Assert.Equal(RevocationStatus.Good, response.Revocation);
        Assert.Equal("Medical Doctor", response.HcRole);
        Assert.Equal(3, response.Path.Count);
        Assert.Contains("MHLW HPKI Root CA TEST", response.Path[2].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doctors_authentication_certificate_is_valid_for_authentication()
    {
        var response = await VerifyAsync(VirtualHpkiCards.Doctor().AuthenticationCertificate, CertificatePurpose.HpkiAuthentication);

        Assert.True(response.Valid, Describe(response));
        Assert.Equal(RevocationStatus.Good, response.Revocation);
    }

    [Fact]
    public async Task An_expired_card_fails_on_validity_only()
    {
        var response = await VerifyAsync(VirtualHpkiCards.Expired().SigningCertificate, CertificatePurpose.HpkiSigning);

        Assert.False(response.Valid);
        Assert.Equal([VerificationFailureReason.Expired], response.Failures.Select(failure => failure.Reason));
        Assert.Equal(0, response.Failures[0].ChainIndex);
    }

    [Fact]
    public async Task A_revoked_card_is_revoked()
    {
        var response = await VerifyAsync(VirtualHpkiCards.Revoked().SigningCertificate, CertificatePurpose.HpkiSigning);

        Assert.False(response.Valid);
        Assert.Equal(RevocationStatus.Revoked, response.Revocation);
        Assert.Equal([VerificationFailureReason.Revoked], response.Failures.Select(failure => failure.Reason));
    }

    [Fact]
    public async Task A_pharmacists_card_is_refused_where_only_doctors_may_sign()
    {
        var pharmacist = VirtualHpkiCards.Pharmacist().SigningCertificate;

        var forDoctors = await VerifyAsync(pharmacist, CertificatePurpose.HpkiSigning, roles: ["Medical Doctor", "Dentist"]);
        var anyRole = await VerifyAsync(pharmacist, CertificatePurpose.HpkiSigning);

        Assert.Equal([VerificationFailureReason.HcRoleNotAllowed], forDoctors.Failures.Select(failure => failure.Reason));
        Assert.Equal("Pharmacist", forDoctors.HcRole);
        Assert.True(anyRole.Valid, Describe(anyRole));
    }

    [Fact]
    public async Task A_signing_certificate_is_not_an_authentication_certificate()
    {
        var response = await VerifyAsync(VirtualHpkiCards.Doctor().SigningCertificate, CertificatePurpose.HpkiAuthentication);

        Assert.False(response.Valid);
        Assert.Contains(response.Failures, failure => failure.Reason == VerificationFailureReason.KeyUsageMismatch);
        Assert.Contains(response.Failures, failure => failure.Reason == VerificationFailureReason.PolicyMismatch);
    }

    [Fact]
    public async Task A_patients_JPKI_auth_certificate_is_valid_for_authentication()
    {
        var response = await VerifyAsync(VirtualMyNumberCards.Standard().AuthCertificate, CertificatePurpose.JpkiAuthentication);

        Assert.True(response.Valid, Describe(response));
        Assert.Equal(RevocationStatus.Good, response.Revocation);
        Assert.Equal(2, response.Path.Count);
    }

    [Fact]
    public async Task The_JPKI_signing_certificate_subject_is_not_echoed()
    {
        var response = await VerifyAsync(VirtualMyNumberCards.Standard().SigningCertificate, CertificatePurpose.JpkiSigning);

        Assert.True(response.Valid, Describe(response));
        Assert.Equal("", response.Path[0].Subject);
        Assert.True(response.Path[0].SubjectWithheld);
        Assert.NotEqual("", response.Path[1].Subject);
        Assert.False(response.Path[1].SubjectWithheld);
    }

    [Fact]
    public async Task Verifying_in_the_future_finds_the_certificate_expired_and_its_revocation_not_checked()
    {
        var response = await VerifyAsync(VirtualMyNumberCards.Standard().AuthCertificate, CertificatePurpose.JpkiAuthentication, at: new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Contains(response.Failures, failure => failure.Reason == VerificationFailureReason.Expired);
        Assert.DoesNotContain(response.Failures, failure => failure.Reason == VerificationFailureReason.CrlStale);
        Assert.Equal(RevocationStatus.NotChecked, response.Revocation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("3082FFFF0102")]
    [InlineData("0403010203")]
    public async Task Malformed_DER_is_a_verdict_not_an_error(string hex)
    {
        var der = hex.Length == 0 ? new byte[] { 0x30, 0x00 } : Convert.FromHexString(hex);

        var response = await VerifyAsync(der, CertificatePurpose.JpkiAuthentication);

        Assert.False(response.Valid);
        Assert.Equal([VerificationFailureReason.Malformed], response.Failures.Select(failure => failure.Reason));
        Assert.Empty(response.Path);
    }

    [Fact]
    public async Task Without_crls_revocation_is_unknown_never_good()
    {
        await using var host = await DeviceServiceHost.StartAsync(settings: new Dictionary<string, string?> { ["Pki:Crls"] = "" });
        var certificates = new CertificatesClient(host.Channel);

        var response = await certificates.VerifyAsync(
            new VerifyRequest { Der = ByteString.CopyFrom(VirtualHpkiCards.Doctor().SigningCertificate), Purpose = CertificatePurpose.HpkiSigning },
            deadline: Soon);

        Assert.False(response.Valid);
        Assert.Equal(RevocationStatus.Unknown, response.Revocation);
        Assert.Contains(response.Failures, failure => failure.Reason == VerificationFailureReason.CrlMissing);
    }

    [Fact]
    public async Task The_clinics_crl_folder_holds_the_roots_arl_with_a_critical_idp_and_the_doctor_is_good()
    {
        // The shape that made every real HPKI chain CRL_INVALID: the root's ARL with a critical issuingDistributionPoint.
        var arl = await File.ReadAllBytesAsync(Path.Combine(SimulatedTrustFolder.Settings()["Pki:Crls"]!, "hpki-test-root-arl.crl"));
        Assert.True(arl.AsSpan().IndexOf(Convert.FromHexString("0603551D1C0101FF")) >= 0, "the root's ARL has no critical IDP");

        var response = await VerifyAsync(VirtualHpkiCards.Doctor().SigningCertificate, CertificatePurpose.HpkiSigning);

        Assert.True(response.Valid, Describe(response));
        Assert.Equal(RevocationStatus.Good, response.Revocation);
    }

    [Fact]
    public async Task Without_the_roots_arl_the_ca_certificate_is_not_covered_by_the_rarl()
    {
        var response = await VerifyWithCrlsAsync(crls => File.Delete(Path.Combine(crls, "hpki-test-root-arl.crl")));

        var failure = AssertOnlyCrlMissing(response, chainIndex: 1);
        Assert.Contains("CN=RARL", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ca_crl_of_the_wrong_scope_does_not_cover_the_doctor()
    {
        var now = DateTimeOffset.UtcNow;
        var wrongScope = TestHpkiHierarchy.Default.IssueCrl(HpkiAuthority.Signing, [], now.AddHours(-1), now.AddDays(1), 1,
            new OnshiDevice.Simulators.CrlOptions { Scope = OnshiDevice.Simulators.CrlScope.WrongCertificateKind });

        var response = await VerifyWithCrlsAsync(crls => File.WriteAllBytes(Path.Combine(crls, "hpki-test-signing-ca.crl"), wrongScope));

        var failure = AssertOnlyCrlMissing(response, chainIndex: 0);
        Assert.Contains("covers only CA certificates", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_trust_anchors_there_is_no_path()
    {
        await using var host = await DeviceServiceHost.StartAsync(settings: SimulatedTrust.NoAnchorSettings.ToDictionary());
        var certificates = new CertificatesClient(host.Channel);

        var response = await certificates.VerifyAsync(
            new VerifyRequest { Der = ByteString.CopyFrom(VirtualHpkiCards.Doctor().SigningCertificate), Purpose = CertificatePurpose.HpkiSigning },
            deadline: Soon);

        Assert.Contains(response.Failures, failure => failure.Reason == VerificationFailureReason.NoPathToTrustAnchor);
        Assert.Equal(RevocationStatus.NotChecked, response.Revocation);
    }

    [Fact]
    public async Task A_request_without_a_certificate_or_purpose_is_invalid()
    {
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _certificates.VerifyAsync(new VerifyRequest { Purpose = CertificatePurpose.HpkiSigning }, deadline: Soon).ResponseAsync);
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _certificates.VerifyAsync(new VerifyRequest { Der = ByteString.CopyFrom(VirtualHpkiCards.Doctor().SigningCertificate) }, deadline: Soon).ResponseAsync);
        await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _certificates.VerifyAsync(new VerifyRequest { Der = ByteString.CopyFrom(new byte[70_000]), Purpose = CertificatePurpose.HpkiSigning }, deadline: Soon).ResponseAsync);
    }

    private async Task<VerifyResponse> VerifyAsync(byte[] der, CertificatePurpose purpose, string[]? roles = null, DateTimeOffset? at = null)
    {
        var request = new VerifyRequest { Der = ByteString.CopyFrom(der), Purpose = purpose };
        request.AllowedHcRoles.AddRange(roles ?? []);
        if (at is { } time)
        {
            request.At = Timestamp.FromDateTimeOffset(time);
        }

        return await _certificates.VerifyAsync(request, deadline: Soon);
    }

    /// <summary>The doctor's signing certificate verified by a service whose CRL folder <paramref name="change"/> has altered.</summary>
    private static async Task<VerifyResponse> VerifyWithCrlsAsync(Action<string> change)
    {
        using var trust = OnshiDevice.Simulators.TemporarySimulatedTrust.Create(DateTimeOffset.UtcNow);
        change(trust.ServiceSettings["Pki:Crls"]!);
        await using var host = await DeviceServiceHost.StartAsync(settings: new Dictionary<string, string?>(trust.ServiceSettings));
        return await new CertificatesClient(host.Channel).VerifyAsync(
            new VerifyRequest { Der = ByteString.CopyFrom(VirtualHpkiCards.Doctor().SigningCertificate), Purpose = CertificatePurpose.HpkiSigning },
            deadline: Soon);
    }

    private static VerificationFailure AssertOnlyCrlMissing(VerifyResponse response, int chainIndex)
    {
        Assert.False(response.Valid);
        Assert.Equal(RevocationStatus.Unknown, response.Revocation);
        var failure = Assert.Single(response.Failures);
        Assert.Equal(VerificationFailureReason.CrlMissing, failure.Reason);
        Assert.Equal(chainIndex, failure.ChainIndex);
        return failure;
    }

    private static string Describe(VerifyResponse response) =>
        string.Join("; ", response.Failures.Select(failure => $"{failure.Reason} [{failure.ChainIndex}] {failure.Detail}"));
}
