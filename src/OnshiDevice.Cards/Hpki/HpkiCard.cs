using System.Security.Cryptography;
using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
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

    /// <summary>6300: a wrong PIN from a card that does not count out loud (JAHIS C.3.4).</summary>
    private static readonly StatusWord WrongPinWithoutCount = new(0x63, 0x00);

    private static readonly StatusWord FunctionNotSupported = new(0x6A, 0x81);
    private static readonly StatusWord IncorrectData = new(0x6A, 0x80);

    private readonly IApduChannel _channel;
    private readonly DerFileReader _derFileReader;
    private bool _extendedLengthRefused;

    private HpkiCard(IApduChannel channel, HpkiApplication application)
    {
        _channel = channel;
        _derFileReader = new DerFileReader(channel);
        Application = application;
    }

    public HpkiApplication Application { get; }

    /// <summary>Selects the application by AID; <see cref="Errors.UnsupportedCardException"/> when the card has none.</summary>
    public static HpkiCard Open(IApduChannel channel, HpkiApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var cardApplication = HpkiFiles.For(application);
        var chaining = ResponseChainingChannel.Wrap(channel);
        var response = chaining.TransmitChecked(SelectCommand.For(cardApplication), cancellationToken);
        if (!response.IsSuccess)
        {
            throw new UnsupportedCardException($"The card has no {cardApplication.Name} application (SELECT answered {response.StatusWord}).");
        }

        return new HpkiCard(chaining, application);
    }

    /// <summary>The end-entity certificate (EF 0016), DER as stored. No PIN.</summary>
    public byte[] ReadCertificate(CancellationToken cancellationToken = default)
    {
        var what = $"HPKI {Application} certificate";
        SelectFile(HpkiFiles.Certificate, what, cancellationToken);
        return _derFileReader.Read(what, cancellationToken);
    }

    /// <summary>Tries left by a data-less VERIFY; <see cref="PinStatus.Unknown"/> if the card rejects that query.</summary>
    public PinStatus GetPinStatus(CancellationToken cancellationToken = default)
    {
        SelectFile(HpkiFiles.Pin, "PIN file", cancellationToken);
        var statusWord = _channel.TransmitChecked(VerifyCommand.QueryRetryCounter(VerifyCommand.HpkiPin), cancellationToken).StatusWord;
        if (statusWord.IsVerificationCounter)
        {
            if (statusWord.Counter > MaxTries)
            {
                throw new CardProtocolException($"HPKI {Application} PIN: the card answered {statusWord}, {statusWord.Counter} tries left, more than the {MaxTries} it allows.");
            }

            return new PinStatus(statusWord.Counter, MaxTries);
        }

        if (statusWord == StatusWord.AuthenticationMethodBlocked || statusWord == StatusWord.ReferencedDataBlocked)
        {
            return new PinStatus(0, MaxTries);
        }

        // Already verified in this session.
        if (statusWord.IsSuccess)
        {
            return new PinStatus(MaxTries, MaxTries);
        }

        // The data-less query is allowed by JAHIS but unconfirmed on real cards (hpki-card.md A.1.5). A card
        // that rejects it keeps its count to itself; finding out would cost a try, so the count is unknown.
        if (IsQueryRejected(statusWord))
        {
            return PinStatus.Unknown(MaxTries);
        }

        throw UnexpectedStatus.For($"Retry-counter query of the HPKI {Application} PIN", statusWord);
    }

    /// <summary>
    /// Checks the format, asks the tries left, refuses the last (or an unknown) try unless allowed,
    /// then sends exactly one VERIFY (P2 88). Never retries.
    /// </summary>
    public PinStatus VerifyPin(string pin, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken = default)
    {
        var pinBytes = HpkiPinFormat.Encode(pin);
        try
        {
            var status = GetPinStatus(cancellationToken);
            if (status.IsBlocked)
            {
                throw new PinBlockedException($"The HPKI {Application} PIN is blocked.");
            }

            if (lastTryPolicy != LastTryPolicy.Allow)
            {
                if (!status.IsKnown)
                {
                    throw new LastTryRefusedException(null, $"The card does not tell the tries left of the HPKI {Application} PIN, so the next may be the last, and the request does not allow spending it.");
                }

                if (status.TriesLeft == 1)
                {
                    throw new LastTryRefusedException(1, $"The HPKI {Application} PIN has one try left and the request does not allow spending it.");
                }
            }

            // Exactly one VERIFY follows, whatever it answers.
            var statusWord = _channel.TransmitChecked(VerifyCommand.WithPin(pinBytes, VerifyCommand.HpkiPin), cancellationToken).StatusWord;
            if (statusWord.IsSuccess)
            {
                return new PinStatus(MaxTries, MaxTries);
            }

            if (statusWord.IsVerificationCounter && statusWord.Counter > 0)
            {
                throw new PinIncorrectException(statusWord.Counter, $"The HPKI {Application} PIN was incorrect; {statusWord.Counter} tries left.");
            }

            if (statusWord.IsVerificationCounter || statusWord == StatusWord.AuthenticationMethodBlocked || statusWord == StatusWord.ReferencedDataBlocked)
            {
                throw new PinBlockedException($"The HPKI {Application} PIN was incorrect and is now blocked.");
            }

            if (statusWord == WrongPinWithoutCount)
            {
                throw new PinIncorrectException(null, $"The HPKI {Application} PIN was incorrect; the card does not tell the tries left.");
            }

            throw UnexpectedStatus.For($"VERIFY of the HPKI {Application} PIN", statusWord);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pinBytes);
        }
    }

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

        var response = ComputeDigitalSignature(block, cancellationToken);
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

    /// <summary>Answers that mean "this card does not do a data-less VERIFY", or a wrong PIN without a count.</summary>
    private static bool IsQueryRejected(StatusWord statusWord) =>
        statusWord == StatusWord.WrongLength
        || statusWord == StatusWord.IncorrectP1P2
        || statusWord == StatusWord.WrongParameters
        || statusWord == StatusWord.InstructionNotSupported
        || statusWord == FunctionNotSupported
        || statusWord == IncorrectData
        || statusWord == WrongPinWithoutCount;

    private ResponseApdu ComputeDigitalSignature(byte[] block, CancellationToken cancellationToken)
    {
        if (_channel.SupportsExtendedLength && !_extendedLengthRefused)
        {
            var response = _channel.TransmitChecked(PerformSecurityOperationCommand.ComputeDigitalSignatureExtended(block), cancellationToken);
            if (response.StatusWord != StatusWord.WrongLength)
            {
                return response;
            }

            // 6700: the card or reader takes short APDUs only; chain for the rest of the session.
            _extendedLengthRefused = true;
        }

        return CommandChaining.Transmit(_channel, PerformSecurityOperationCommand.ComputeDigitalSignatureForChaining(block), cancellationToken);
    }

    private void SelectFile(ushort fileId, string what, CancellationToken cancellationToken)
    {
        var statusWord = _channel.TransmitChecked(SelectCommand.ByFileId(fileId), cancellationToken).StatusWord;
        if (!statusWord.IsSuccess)
        {
            throw UnexpectedStatus.For($"SELECT of the HPKI {Application} {what} ({fileId:X4})", statusWord);
        }
    }
}
