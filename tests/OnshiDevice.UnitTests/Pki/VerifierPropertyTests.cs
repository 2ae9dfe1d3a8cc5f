using CsCheck;
using OnshiDevice.Pki;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>Verify never throws, and damaged certificates never come out valid.</summary>
public sealed class VerifierPropertyTests : IDisposable
{
    private readonly PkiFixture _pki = PkiFixture.Create();

    [Fact]
    public void Random_bytes_give_a_verdict_never_an_exception() => Gen.Byte.Array[0, 300].Sample(bytes =>
    {
        var result = _pki.Verify(bytes, CertificatePurpose.HpkiSigning);

        Assert.False(result.IsValid);
    });

    [Theory]
    [InlineData(CertificatePurpose.HpkiSigning)]
    [InlineData(CertificatePurpose.JpkiAuthentication)]
    public void Mutated_certificates_are_never_valid(CertificatePurpose purpose)
    {
        var original = TestPki.EndEntity(purpose);
        Assert.True(_pki.Verify(original, purpose).IsValid);

        CertificateMutations.Of(original).Sample(mutated =>
        {
            var result = _pki.Verify(mutated, purpose);

            Assert.True(!result.IsValid || mutated.AsSpan().SequenceEqual(original));
        }, iter: 500);
    }

    [Fact]
    public void Mutated_offered_intermediates_never_make_a_path_valid()
    {
        using var pki = PkiFixture.Create(caInStore: false);
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning);

        CertificateMutations.Of(TestPki.CaCertificate).Sample(mutated =>
        {
            var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning, new VerificationOptions { Intermediates = [mutated] });

            Assert.True(!result.IsValid || mutated.AsSpan().SequenceEqual(TestPki.CaCertificate));
        }, iter: 300);
    }

    [Fact]
    public void A_mutated_crl_never_gives_a_good_revocation_verdict()
    {
        var original = TestPki.CaCrl((0x2002, TestPki.Now.UtcDateTime.AddDays(-3)));
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning);

        CertificateMutations.Of(original).Sample(mutated =>
        {
            // A fresh store per sample: the store skips files whose size and write time did not change.
            using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), mutated]);
            var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning);

            Assert.True(result.Revocation != OnshiDevice.Pki.Revocation.RevocationStatus.Good || mutated.AsSpan().SequenceEqual(original));
            Assert.True(result.IsValid == (result.Revocation == OnshiDevice.Pki.Revocation.RevocationStatus.Good));
        }, iter: 100, threads: 1);
    }

    public void Dispose() => _pki.Dispose();
}
