using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Cards;
using OnshiDevice.Cards.CardFace;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Iso7816;
using OnshiDevice.Pki;

namespace OnshiDevice.FaceAuth.CheckIn.Card;

/// <summary>
/// <see cref="ICheckInCard"/> over the card layer: each call is one <see cref="ICardSlotSession.RunAsync"/>, so one card
/// transaction. PIN rules are <see cref="MyNumberCard"/>'s and <see cref="CardFaceCard"/>'s (one VERIFY, last try
/// refused unless allowed); a chip whose signature does not check out is a <see cref="CardProtocolException"/>.
/// </summary>
public sealed class CheckInCard : ICheckInCard
{
    private readonly ICardSlotSession _slot;
    private readonly CertificateVerifier _verifier;
    private readonly RSA? _cardFaceIssuerKey;
    private readonly TimeProvider _timeProvider;

    /// <param name="cardFaceIssuerKey">The issuer key that checks the card-face signature; null leaves it not checked.</param>
    public CheckInCard(ICardSlotSession slot, CertificateVerifier verifier, RSA? cardFaceIssuerKey, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _slot = slot;
        _verifier = verifier;
        _cardFaceIssuerKey = cardFaceIssuerKey;
        _timeProvider = timeProvider;
    }

    public Task<bool> IsMyNumberCardAsync(CancellationToken cancellationToken) =>
        _slot.RunAsync(
            static (channel, token) =>
            {
                try
                {
                    MyNumberCard.Open(channel, token);
                    return true;
                }
                catch (UnsupportedCardException)
                {
                    return false;
                }
            },
            CardSlotEnd.LeaveCard,
            cancellationToken);

    public Task<PinStatus> GetAuthPinStatusAsync(CancellationToken cancellationToken) =>
        _slot.RunAsync(static (channel, token) => MyNumberCard.Open(channel, token).GetPinStatus(JpkiPin.AuthPin, token), CardSlotEnd.LeaveCard, cancellationToken);

    public Task<ChipPresence> VerifyPinAndProveAsync(SecretEntry pin, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return _slot.RunAsync((channel, token) => VerifyPinAndProve(channel, pin, lastTry, challenge, token), CardSlotEnd.ResetCard, cancellationToken);
    }

    public Task<PinStatus> GetCardFaceNumberStatusAsync(CancellationToken cancellationToken) =>
        _slot.RunAsync(static (channel, token) => CardFaceCard.Open(channel, token).GetNumberBStatus(token), CardSlotEnd.LeaveCard, cancellationToken);

    public Task<CardFacePhoto> ReadCardFacePhotoAsync(SecretEntry cardFaceNumber, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cardFaceNumber);
        return _slot.RunAsync((channel, token) => ReadCardFacePhoto(channel, cardFaceNumber, lastTry, challenge, token), CardSlotEnd.ResetCard, cancellationToken);
    }

    public Task<VerifiedAuthCertificate> ReadAuthCertificateAsync(CancellationToken cancellationToken) =>
        _slot.RunAsync(
            (channel, token) =>
            {
                var der = MyNumberCard.Open(channel, token).ReadCertificate(JpkiCertificateKind.Auth, token);
                return new VerifiedAuthCertificate(der, _verifier.Verify(der, CertificatePurpose.JpkiAuthentication));
            },
            CardSlotEnd.LeaveCard,
            cancellationToken);

    private ChipPresence VerifyPinAndProve(IApduChannel channel, SecretEntry pin, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken)
    {
        var card = MyNumberCard.Open(channel, cancellationToken);
        card.VerifyPin(JpkiPin.AuthPin, pin, lastTry, cancellationToken);
        var certificate = card.ReadCertificate(JpkiCertificateKind.Auth, cancellationToken);
        var digest = SHA256.HashData(challenge.Span);
        var signature = card.SignDigest(JpkiKey.AuthKey, digest, cancellationToken);
        if (!AuthCertificateVerifies(certificate, digest, signature))
        {
            throw new CardProtocolException("The chip's signature over the challenge does not verify with its own auth certificate.");
        }

        return new ChipPresence(ChipKey.JpkiAuthentication, challenge.ToArray(), signature, _timeProvider.GetUtcNow());
    }

    private CardFacePhoto ReadCardFacePhoto(IApduChannel channel, SecretEntry number, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken)
    {
        var card = CardFaceCard.Open(channel, cancellationToken);
        card.VerifyNumberB(number, lastTry, cancellationToken);
        using var face = card.ReadCardFace(cancellationToken);
        var signatureCheck = _cardFaceIssuerKey is null
            ? CardFaceSignature.NotChecked
            : face.IsSignedBy(_cardFaceIssuerKey) ? CardFaceSignature.Valid : CardFaceSignature.Invalid;
        var chipSignature = card.SignChallenge(challenge.Span, cancellationToken);
        if (!face.PublicKey.Verifies(challenge.Span, chipSignature))
        {
            throw new CardProtocolException("The chip's 券面事項確認AP signature over the challenge does not verify with the card face's public key (DF24).");
        }

        var presence = new ChipPresence(ChipKey.CardFaceApplication, challenge.ToArray(), chipSignature, _timeProvider.GetUtcNow());
        return new CardFacePhoto(face.TakePhoto(), signatureCheck, presence);
    }

    private static bool AuthCertificateVerifies(byte[] certificateDer, byte[] digest, byte[] signature)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
            using var key = certificate.GetRSAPublicKey();
            return key is not null && key.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
