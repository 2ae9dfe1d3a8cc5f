using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.MyNumber;

// SHAPE ONLY: the cards helper replaces the bodies.
/// <summary>
/// The JPKI application of a My Number card, over one channel inside one card transaction.
/// Never touches the 券面事項入力補助AP.
/// </summary>
public sealed class MyNumberCard
{
    private MyNumberCard() => throw new NotImplementedException();

    /// <summary>Selects the JPKI AP; <see cref="Errors.UnsupportedCardException"/> when the card has none.</summary>
    public static MyNumberCard Open(IApduChannel channel, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Reads a certificate (DER, as stored). The signing certificate needs <see cref="VerifyPin"/> of the signing password first.</summary>
    public byte[] ReadCertificate(JpkiCertificateKind kind, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Tries left, by an empty VERIFY that spends nothing.</summary>
    public PinStatus GetPinStatus(JpkiPin pin, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>
    /// Checks the format, asks the tries left, refuses the last try unless allowed, then VERIFYs once.
    /// Never retries. Returns the status after success.
    /// </summary>
    public PinStatus VerifyPin(JpkiPin pin, string value, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Signs a SHA-256 digest (DigestInfo, PKCS#1 v1.5, RSA-2048) with a key whose PIN was verified in this session.</summary>
    public byte[] SignDigest(JpkiKey key, ReadOnlySpan<byte> sha256Digest, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
