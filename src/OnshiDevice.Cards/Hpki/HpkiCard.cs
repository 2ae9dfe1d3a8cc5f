using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
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

    private readonly IApduChannel _channel;
    private readonly DerFileReader _derFileReader;
    private readonly PinProfile _pinProfile;

    private HpkiCard(IApduChannel channel, HpkiApplication application)
    {
        _channel = channel;
        _derFileReader = new DerFileReader(channel);
        Application = application;

        // The data-less VERIFY is allowed by JAHIS but unconfirmed on real cards (hpki-card.md A.1.5): a
        // card that rejects it keeps its count to itself, and the count is then unknown.
        _pinProfile = new PinProfile($"HPKI {application} PIN", PinFormat.Hpki, HpkiFiles.Pin, VerifyCommand.HpkiPin, MaxTries, ReportsTriesWithoutSpending: false);
    }

    public HpkiApplication Application { get; }

    /// <summary>Selects the application by AID; <see cref="Errors.UnsupportedCardException"/> when the card has none.</summary>
    public static HpkiCard Open(IApduChannel channel, HpkiApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var cardApplication = HpkiFiles.For(application);
        var cardChannel = ExtendedLengthFallbackChannel.Wrap(channel);
        var response = new SelectResponse(cardChannel.TransmitChecked(SelectCommand.For(cardApplication), cancellationToken));
        if (!response.IsSelected)
        {
            throw new UnsupportedCardException($"The card has no {cardApplication.Name} application (SELECT answered {response.StatusWord}).");
        }

        return new HpkiCard(cardChannel, application);
    }

    /// <summary>The end-entity certificate (EF 0016), DER as stored. No PIN.</summary>
    public byte[] ReadCertificate(CancellationToken cancellationToken = default)
    {
        var what = $"HPKI {Application} certificate";
        SelectFile(HpkiFiles.Certificate, what, cancellationToken);
        return _derFileReader.Read(what, cancellationToken);
    }

    /// <summary>Tries left by a data-less VERIFY; <see cref="PinStatus.Unknown"/> if the card rejects that query.</summary>
    public PinStatus GetPinStatus(CancellationToken cancellationToken = default) =>
        PinVerification.GetStatus(_channel, _pinProfile, cancellationToken);

    /// <summary>
    /// Checks the format, asks the tries left, refuses the last (or an unknown) try unless allowed,
    /// then sends exactly one VERIFY (P2 88) through <see cref="PinVerification"/>. Never retries.
    /// </summary>
    public PinStatus VerifyPin(string pin, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken = default) =>
        PinVerification.Verify(_channel, _pinProfile, pin, lastTryPolicy, cancellationToken);

    /// <summary>
    /// MSE SET (key reference 00 0C) and PSO COMPUTE DIGITAL SIGNATURE over the padded DigestInfo of a
    /// SHA-256 digest; the PIN must have been verified in this transaction. Returns the 256-byte signature.
    /// </summary>
    public byte[] SignDigest(ReadOnlySpan<byte> sha256Digest, CancellationToken cancellationToken = default)
    {
        var block = Pkcs1SignatureBlock.Encode(DigestInfoSha256.Wrap(sha256Digest));
        SelectFile(HpkiFiles.Key, "key file", cancellationToken);
        var mse = _channel.TransmitChecked(ManageSecurityEnvironmentCommand.SetSigningKey(HpkiFiles.Key), cancellationToken);
        if (!mse.IsSuccess)
        {
            throw UnexpectedStatus.For($"MSE SET of the HPKI {Application} key", mse.StatusWord);
        }

        var response = _channel.TransmitChecked(PerformSecurityOperationCommand.ComputeDigitalSignature(block), cancellationToken);
        if (!response.IsSuccess)
        {
            throw UnexpectedStatus.For($"COMPUTE DIGITAL SIGNATURE with the HPKI {Application} key", response.StatusWord);
        }

        if (response.Data.Length != Pkcs1SignatureBlock.Rsa2048Length)
        {
            throw new CardProtocolException($"COMPUTE DIGITAL SIGNATURE with the HPKI {Application} key: expected a {Pkcs1SignatureBlock.Rsa2048Length}-byte signature, got {response.Data.Length} bytes.");
        }

        return response.Data.ToArray();
    }

    private void SelectFile(ushort fileId, string what, CancellationToken cancellationToken)
    {
        new SelectResponse(_channel.TransmitChecked(SelectCommand.ByFileId(fileId), cancellationToken)).ThrowIfNotSelected($"the HPKI {Application} {what} ({fileId:X4})");
    }
}
