using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Hpki;

/// <summary>
/// One PKI application of an HPKI card (医師資格証), over one channel inside one card transaction
/// (reference hpki-card.md A.1). Certificates read without a PIN; the key signs a host-padded
/// PKCS#1 v1.5 block after VERIFY in the same transaction.
/// </summary>
public sealed class HpkiCard
{
    /// <summary>Consecutive wrong PINs that block the card (JMA, MEDIS).</summary>
    public const int MaxTries = 15;

    // SHAPE ONLY: the cards helper fills this in.
    private HpkiCard(HpkiApplication application)
    {
        Application = application;
    }

    public HpkiApplication Application { get; }

    /// <summary>Selects the application by AID; <see cref="Errors.UnsupportedCardException"/> when the card has none.</summary>
    public static HpkiCard Open(IApduChannel channel, HpkiApplication application, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The end-entity certificate (EF 0016), DER as stored. No PIN.</summary>
    public byte[] ReadCertificate(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Tries left by a data-less VERIFY; <see cref="PinStatus.Unknown"/> if the card rejects that query.</summary>
    public PinStatus GetPinStatus(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>
    /// Checks the format, asks the tries left, refuses the last (or an unknown) try unless allowed,
    /// then sends exactly one VERIFY (P2 88). Never retries.
    /// </summary>
    public PinStatus VerifyPin(string pin, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// MSE SET (key reference 00 0C) and PSO COMPUTE DIGITAL SIGNATURE over the padded DigestInfo of a
    /// SHA-256 digest; the PIN must have been verified in this transaction. Returns the 256-byte signature.
    /// </summary>
    public byte[] SignDigest(ReadOnlySpan<byte> sha256Digest, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
