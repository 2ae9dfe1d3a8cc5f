using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.CheckIn.Card;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInCardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-checkin-card-").FullName;
    private readonly CrlStore _crls;
    private readonly CertificateVerifier _verifier;
    private readonly RSA _issuerKey = RSA.Create();

    public CheckInCardTests()
    {
        _crls = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);
        _verifier = new CertificateVerifier(new TrustStore(new Dictionary<CertificatePurpose, IReadOnlyList<DerCertificate>>(), []), _crls, new PkiOptions(), TimeProvider.System);
        _issuerKey.ImportSubjectPublicKeyInfo(VirtualMyNumberCards.CardFaceIssuerPublicKeyInfo, out _);
    }

    [Fact]
    public async Task A_My_Number_card_is_told_from_another_card_by_AID()
    {
        Assert.True(await Card(VirtualMyNumberCards.Standard()).IsMyNumberCardAsync(CancellationToken.None));
        Assert.False(await new CheckInCard(new InProcessCardSlot(VirtualHpkiCards.Doctor()), _verifier, null, TimeProvider.System).IsMyNumberCardAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_right_PIN_proves_the_chip_with_its_auth_key()
    {
        var virtualCard = VirtualMyNumberCards.Standard();
        using var pin = Entry(VirtualMyNumberCards.AuthPin);
        var challenge = RandomNumberGenerator.GetBytes(32);

        var presence = await Card(virtualCard).VerifyPinAndProveAsync(pin, LastTryPolicy.Refuse, challenge, CancellationToken.None);

        Assert.Equal(ChipKey.JpkiAuthentication, presence.Key);
        using var certificate = X509CertificateLoader.LoadCertificate(virtualCard.AuthCertificate);
        using var key = certificate.GetRSAPublicKey();
        Assert.True(key!.VerifyData(challenge, presence.Signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_wrong_PIN_reports_the_tries_left_and_is_not_retried()
    {
        var virtualCard = VirtualMyNumberCards.Standard();
        using var pin = Entry("9999");

        var exception = await Assert.ThrowsAsync<PinIncorrectException>(() => Card(virtualCard).VerifyPinAndProveAsync(pin, LastTryPolicy.Refuse, new byte[32], CancellationToken.None));

        Assert.Equal(2, exception.TriesLeft);
        Assert.Equal(2, virtualCard.AuthPinTriesLeft);
    }

    [Fact]
    public async Task A_card_without_a_JPKI_PIN_reads_as_blocked()
    {
        Assert.True((await Card(VirtualMyNumberCards.WithoutJpkiPin()).GetAuthPinStatusAsync(CancellationToken.None)).IsBlocked);
    }

    [Fact]
    public async Task Number_B_gives_the_photo_with_a_valid_signature_and_the_chip_proof()
    {
        using var number = Entry(VirtualMyNumberCards.CardFaceNumberB);
        var challenge = RandomNumberGenerator.GetBytes(32);

        using var photo = await Card(VirtualMyNumberCards.Standard(), _issuerKey).ReadCardFacePhotoAsync(number, LastTryPolicy.Refuse, challenge, CancellationToken.None);

        Assert.Equal(VirtualMyNumberCards.CardFacePhoto, photo.Jpeg2000.ToArray());
        Assert.Equal(CardFaceSignature.Valid, photo.Signature);
        Assert.Equal(ChipKey.CardFaceApplication, photo.ChipPresence.Key);
        Assert.Equal(challenge, photo.ChipPresence.Challenge.ToArray());
    }

    [Fact]
    public async Task Without_an_issuer_key_the_signature_is_not_checked()
    {
        using var number = Entry(VirtualMyNumberCards.CardFaceNumberB);

        using var photo = await Card(VirtualMyNumberCards.Standard()).ReadCardFacePhotoAsync(number, LastTryPolicy.Refuse, new byte[32], CancellationToken.None);

        Assert.Equal(CardFaceSignature.NotChecked, photo.Signature);
    }

    [Fact]
    public async Task A_card_face_not_signed_by_the_issuer_is_marked_invalid()
    {
        using var number = Entry(VirtualMyNumberCards.CardFaceNumberB);
        var card = Card(VirtualMyNumberCards.WithFault(VirtualMyNumberCardFault.CardFaceSignatureMismatch), _issuerKey);

        using var photo = await card.ReadCardFacePhotoAsync(number, LastTryPolicy.Refuse, new byte[32], CancellationToken.None);

        Assert.Equal(CardFaceSignature.Invalid, photo.Signature);
    }

    [Fact]
    public async Task A_chip_whose_key_is_not_the_card_faces_is_refused()
    {
        using var number = Entry(VirtualMyNumberCards.CardFaceNumberB);
        var card = Card(VirtualMyNumberCards.WithFault(VirtualMyNumberCardFault.CardFaceKeyMismatch), _issuerKey);

        await Assert.ThrowsAsync<CardProtocolException>(() => card.ReadCardFacePhotoAsync(number, LastTryPolicy.Refuse, new byte[32], CancellationToken.None));
    }

    [Fact]
    public async Task Number_B_with_one_try_left_is_refused_and_its_status_read_without_spending()
    {
        var virtualCard = VirtualMyNumberCards.CardFaceNumberBTriesLeft(1);
        using var number = Entry(VirtualMyNumberCards.CardFaceNumberB);
        var card = Card(virtualCard);

        Assert.Equal(new PinStatus(1, 10), await card.GetCardFaceNumberStatusAsync(CancellationToken.None));
        await Assert.ThrowsAsync<LastTryRefusedException>(() => card.ReadCardFacePhotoAsync(number, LastTryPolicy.Refuse, new byte[32], CancellationToken.None));
        Assert.Equal(1, virtualCard.CardFaceNumberBTriesLeft);
    }

    [Fact]
    public async Task The_auth_certificate_comes_with_the_verifiers_verdict()
    {
        var virtualCard = VirtualMyNumberCards.Standard();

        var certificate = await Card(virtualCard).ReadAuthCertificateAsync(CancellationToken.None);

        Assert.Equal(virtualCard.AuthCertificate, certificate.Der.ToArray());
        Assert.Contains(certificate.Verdict.Failures, failure => failure.Reason == FailureReason.NoPathToTrustAnchor);
    }

    public void Dispose()
    {
        _issuerKey.Dispose();
        _crls.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static SecretEntry Entry(string value) => SecretEntry.Copy(Encoding.ASCII.GetBytes(value));

    private CheckInCard Card(OnshiDevice.Simulators.IVirtualCard card, RSA? issuerKey = null) =>
        new(new InProcessCardSlot(card), _verifier, issuerKey, TimeProvider.System);
}
