using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>The verifier against the simulator's JPKI test hierarchy (built independently with BouncyCastle).</summary>
public sealed class SimulatedJpkiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-jpki-").FullName;

    [Fact]
    public async Task Both_certificates_of_a_simulated_card_verify_for_their_purposes()
    {
        var hierarchy = TestJpkiHierarchy.Default;
        var card = hierarchy.Card("pki-verifier", JpkiHolder.TestPerson, TestPki.EeNotBefore, TestPki.EeNotAfter);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "auth.crl"),
            TestPki.Crl(hierarchy.AuthCaName, hierarchy.AuthCaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(1), []));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "sign.crl"),
            TestPki.Crl(hierarchy.SigningCaName, hierarchy.SigningCaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(1), []));
        using var crls = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);
        await crls.RefreshAsync();
        var trust = new TrustStore(
            new Dictionary<CertificatePurpose, IReadOnlyList<DerCertificate>>
            {
                [CertificatePurpose.JpkiAuthentication] = [DerCertificate.Parse(hierarchy.AuthCaCertificate)],
                [CertificatePurpose.JpkiSigning] = [DerCertificate.Parse(hierarchy.SigningCaCertificate)],
            },
            []);
        var options = new PkiOptions
        {
            AdditionalPolicies =
            {
                [CertificatePurpose.JpkiAuthentication] = [TestJpkiHierarchy.TestCardPolicyOid],
                [CertificatePurpose.JpkiSigning] = [TestJpkiHierarchy.TestCardPolicyOid],
            },
        };
        var verifier = new CertificateVerifier(trust, crls, options, TimeProvider.System);
        var at = new VerificationOptions { At = TestPki.Now };

        var auth = verifier.Verify(card.AuthCertificate, CertificatePurpose.JpkiAuthentication, at);
        var signing = verifier.Verify(card.SigningCertificate, CertificatePurpose.JpkiSigning, at);
        var signingAsAuth = verifier.Verify(card.SigningCertificate, CertificatePurpose.JpkiAuthentication, at);

        Assert.Empty(auth.Failures);
        Assert.Equal(RevocationStatus.Good, auth.Revocation);
        Assert.Equal(2, auth.Path.Count);
        Assert.Empty(signing.Failures);

        // The signing root anchors signing only: for authentication the path itself fails, and the subject (it names
        // the holder's locality, not the opaque C=JP + CN of an authentication certificate) breaks the profile too.
        Assert.Equal([FailureReason.NoPathToTrustAnchor, FailureReason.ProfileMismatch], signingAsAuth.Failures.Select(failure => failure.Reason));
        Assert.Equal(RevocationStatus.NotChecked, signingAsAuth.Revocation);
        Assert.Contains("anchor trusted for JPKI authentication", signingAsAuth.Failures[0].Detail, StringComparison.Ordinal);
        Assert.Contains("configured for other purposes only", signingAsAuth.Failures[0].Detail, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
