using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.MyNumber;

/// <summary>
/// The JPKI application of a My Number card, over one channel inside one card transaction.
/// Never touches the 券面事項入力補助AP.
/// </summary>
public sealed class MyNumberCard
{
    private readonly IApduChannel _channel;
    private readonly DerFileReader _derFileReader;

    private MyNumberCard(IApduChannel channel)
    {
        _channel = channel;
        _derFileReader = new DerFileReader(channel);
    }

    /// <summary>Selects the JPKI AP; <see cref="Errors.UnsupportedCardException"/> when the card has none.</summary>
    public static MyNumberCard Open(IApduChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var cardChannel = ExtendedLengthFallbackChannel.Wrap(channel);
        var response = new SelectResponse(cardChannel.TransmitChecked(SelectCommand.ByName(CardApplication.Jpki.ApplicationId.Span), cancellationToken));
        if (!response.IsSelected)
        {
            throw new UnsupportedCardException($"The card has no JPKI application (SELECT answered {response.StatusWord}).");
        }

        return new MyNumberCard(cardChannel);
    }

    /// <summary>Reads a certificate (DER, as stored). The signing certificate needs <see cref="VerifyPin"/> of the signing password first.</summary>
    public byte[] ReadCertificate(JpkiCertificateKind kind, CancellationToken cancellationToken = default)
    {
        var what = $"{kind} certificate";
        SelectFile(JpkiFiles.For(kind), what, cancellationToken);
        return _derFileReader.Read(what, cancellationToken);
    }

    /// <summary>Tries left, by an empty VERIFY that spends nothing.</summary>
    public PinStatus GetPinStatus(JpkiPin pin, CancellationToken cancellationToken = default) =>
        PinVerification.GetStatus(_channel, JpkiPinProfiles.For(pin), cancellationToken);

    /// <summary>
    /// Checks the format, asks the tries left, refuses the last try unless allowed, then VERIFYs once
    /// (<see cref="PinVerification"/>). Never retries. Returns the status after success.
    /// </summary>
    public PinStatus VerifyPin(JpkiPin pin, string value, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken = default) =>
        PinVerification.Verify(_channel, JpkiPinProfiles.For(pin), value, lastTryPolicy, cancellationToken);

    /// <summary>As the string overload, for a PIN a device entered (the face-auth reader's keypad); the entry stays the caller's to dispose.</summary>
    public PinStatus VerifyPin(JpkiPin pin, SecretEntry value, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken = default) =>
        PinVerification.Verify(_channel, JpkiPinProfiles.For(pin), value, lastTryPolicy, cancellationToken);

    /// <summary>Signs a SHA-256 digest (DigestInfo, PKCS#1 v1.5, RSA-2048) with a key whose PIN was verified in this session.</summary>
    public byte[] SignDigest(JpkiKey key, ReadOnlySpan<byte> sha256Digest, CancellationToken cancellationToken = default)
    {
        var digestInfo = DigestInfoSha256.Wrap(sha256Digest);
        SelectFile(JpkiFiles.For(key), $"{key} file", cancellationToken);
        var response = _channel.TransmitChecked(ComputeDigitalSignatureCommand.Create(digestInfo), cancellationToken);
        if (!response.IsSuccess)
        {
            throw UnexpectedStatus.For($"COMPUTE DIGITAL SIGNATURE with {key}", response.StatusWord);
        }

        if (response.Data.Length != ComputeDigitalSignatureCommand.SignatureLength)
        {
            throw new CardProtocolException($"COMPUTE DIGITAL SIGNATURE with {key}: expected a {ComputeDigitalSignatureCommand.SignatureLength}-byte signature, got {response.Data.Length} bytes.");
        }

        return response.Data.ToArray();
    }

    private void SelectFile(ushort fileId, string what, CancellationToken cancellationToken)
    {
        new SelectResponse(_channel.TransmitChecked(SelectCommand.ByFileId(fileId), cancellationToken)).ThrowIfNotSelected($"the {what} ({fileId:X4})");
    }
}
