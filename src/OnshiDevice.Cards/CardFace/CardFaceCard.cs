using System.Security.Cryptography;
using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// The 券面事項確認AP of a My Number card, over one channel inside one card transaction: 照合番号B, the card-face file
/// (kept to the photo and the AP's key, <see cref="CardFaceFileParser"/>), and the AP's own signature over a challenge.
/// Never touches 照合番号A, the rendered 個人番号 or the 券面事項入力補助AP.
/// </summary>
public sealed class CardFaceCard
{
    private readonly IApduChannel _channel;
    private readonly DerFileReader _fileReader;

    private CardFaceCard(IApduChannel channel)
    {
        _channel = channel;
        _fileReader = new DerFileReader(channel);
    }

    /// <summary>Selects the AP by AID; <see cref="UnsupportedCardException"/> when the card has none.</summary>
    public static CardFaceCard Open(IApduChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var cardChannel = ExtendedLengthFallbackChannel.Wrap(channel);
        var response = new SelectResponse(cardChannel.TransmitChecked(SelectCommand.ByName(CardFaceAp.Application.ApplicationId.Span), cancellationToken));
        if (!response.IsSelected)
        {
            throw new UnsupportedCardException($"The card has no 券面事項確認AP (SELECT answered {response.StatusWord}).");
        }

        return new CardFaceCard(cardChannel);
    }

    /// <summary>Tries left of 照合番号B, by an empty VERIFY that spends nothing.</summary>
    public PinStatus GetNumberBStatus(CancellationToken cancellationToken = default) =>
        PinVerification.GetStatus(_channel, CardFacePinProfiles.NumberB, cancellationToken);

    /// <summary>
    /// VERIFYs 照合番号B once through <see cref="PinVerification"/> (format, tries left, last-try refusal). Never retries.
    /// The entry stays the caller's to dispose.
    /// </summary>
    public PinStatus VerifyNumberB(SecretEntry numberB, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken = default) =>
        PinVerification.Verify(_channel, CardFacePinProfiles.NumberB, numberB, lastTryPolicy, cancellationToken);

    /// <summary>Reads EF 0002 (needs <see cref="VerifyNumberB"/> first) and keeps only the photo, the AP's key and the signature's inputs.</summary>
    public CardFaceFile ReadCardFace(CancellationToken cancellationToken = default)
    {
        const string What = "card-face file";
        new SelectResponse(_channel.TransmitChecked(SelectCommand.ByFileId(CardFaceAp.CardFaceFile), cancellationToken))
            .ThrowIfNotSelected($"the {What} ({CardFaceAp.CardFaceFile:X4})");
        return CardFaceFileParser.Parse(_fileReader.Read(What, CardFaceFileParser.OuterTag, cancellationToken));
    }

    /// <summary>
    /// The AP's own key signs DigestInfo(SHA-256(<paramref name="challenge"/>)) with <c>80 2A 00 00</c>, no credential.
    /// Check the result with <see cref="CardFaceFile.PublicKey"/>.
    /// </summary>
    public byte[] SignChallenge(ReadOnlySpan<byte> challenge, CancellationToken cancellationToken = default)
    {
        var digestInfo = DigestInfoSha256.Wrap(SHA256.HashData(challenge));
        var response = _channel.TransmitChecked(ComputeDigitalSignatureCommand.Create(digestInfo, CardFaceAp.DefaultKeyReference), cancellationToken);
        if (!response.IsSuccess)
        {
            throw UnexpectedStatus.For("COMPUTE DIGITAL SIGNATURE with the 券面事項確認AP key", response.StatusWord);
        }

        if (response.Data.Length != ComputeDigitalSignatureCommand.SignatureLength)
        {
            throw new CardProtocolException($"COMPUTE DIGITAL SIGNATURE with the 券面事項確認AP key: expected a {ComputeDigitalSignatureCommand.SignatureLength}-byte signature, got {response.Data.Length} bytes.");
        }

        return response.Data.ToArray();
    }
}
