using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace OnshiDevice.Simulators.Hpki;

/// <summary>
/// An HPKI card (医師資格証) laid out and answering like the JMA card of reference hpki-card.md A.1:
/// two PKI applications (署名用, 認証用) selected by AID, each with a PIN EF 0002, a key EF 000C and
/// the end-entity certificate in EF 0016; READ BINARY without a PIN; VERIFY P2 88 with a retry limit
/// of 15; MSE SET with key reference 000C (tag 84, or JAHIS's tag 81) before or after VERIFY; PSO
/// COMPUTE DIGITAL SIGNATURE doing raw RSA over a host-padded 256-byte block, sent as one extended
/// APDU or by command chaining.
/// </summary>
/// <remarks>
/// Choices where the reference leaves the real card open (all documented in simulators/README.md):
/// each application has its own PIN and counter (whether the JMA card shares one is UNCONFIRMED);
/// the signing key needs a VERIFY before every signature (JAHIS userConsent), the authentication key
/// once per selection; any application SELECT or a reset ends the security state, counters survive;
/// a data-less VERIFY answers <c>63Cx</c> even right after a successful VERIFY; only this card's own
/// references are accepted: VERIFY P2 <c>88</c> (JAHIS's example <c>96</c> answers <c>6A88</c>) and
/// key file <c>000C</c> under tag 84 or 81 (the JAHIS example's <c>0017</c> answers <c>6A88</c>);
/// a PSO without MSE answers <c>6982</c>, as the card did before miyako/hpki added MSE; READ BINARY
/// by SFI is not supported (<c>6A86</c>).
/// </remarks>
public sealed class VirtualHpkiCard : IVirtualCard
{
    /// <summary>Consecutive wrong PINs that block an application (JMA, MEDIS: 15).</summary>
    public const int MaximumTries = 15;

    internal const ushort PinFid = 0x0002;
    internal const ushort KeyFid = 0x000C;
    internal const ushort CertificateFid = 0x0016;

    private const int SignatureBlockLength = 256;
    private const int MinimumPaddingLength = 8;

    // T=1, K=8, historical bytes 00 4E 00 00 F7 81 D1 00 (what miyako/hpki matches), TCK E0. Constructed, not observed.
    private static readonly byte[] CardAtr = [0x3B, 0x88, 0x80, 0x01, 0x00, 0x4E, 0x00, 0x00, 0xF7, 0x81, 0xD1, 0x00, 0xE0];

    private readonly Lock _gate = new();
    private readonly HpkiCardCredentials _credentials;
    private readonly HpkiRetryCounterQuery _retryCounterQuery;
    private readonly ApplicationState _signing;
    private readonly ApplicationState _authentication;

    private ApplicationState? _application;
    private ushort? _currentEf;
    private bool _keySelected;
    private List<byte>? _signatureChain;
    private int _commandsReceived;

    internal VirtualHpkiCard(
        HpkiCardCredentials credentials,
        string signingPin,
        string authenticationPin,
        int signingTriesLeft,
        int authenticationTriesLeft,
        HpkiRetryCounterQuery retryCounterQuery = HpkiRetryCounterQuery.Answered)
    {
        _credentials = credentials;
        _retryCounterQuery = retryCounterQuery;
        _signing = new ApplicationState(
            Convert.FromHexString("E828BD080FA000000391000000000001"), credentials.SigningCertificate, credentials.SigningPrivateKey,
            Encoding.ASCII.GetBytes(signingPin), Math.Clamp(signingTriesLeft, 0, MaximumTries), pinForEverySignature: true);
        _authentication = new ApplicationState(
            Convert.FromHexString("E828BD080FA000000391000000000002"), credentials.AuthenticationCertificate, credentials.AuthenticationPrivateKey,
            Encoding.ASCII.GetBytes(authenticationPin), Math.Clamp(authenticationTriesLeft, 0, MaximumTries), pinForEverySignature: false);
        ResetVolatileState();
    }

    public byte[] Atr => CardAtr.ToArray();

    public HpkiRetryCounterQuery RetryCounterQuery => _retryCounterQuery;

    /// <summary>EF 0016 of the signing application (DER).</summary>
    public byte[] SigningCertificate => _credentials.SigningCertificate.ToArray();

    /// <summary>EF 0016 of the authentication application (DER).</summary>
    public byte[] AuthenticationCertificate => _credentials.AuthenticationCertificate.ToArray();

    /// <summary>DER SubjectPublicKeyInfo of the signing key.</summary>
    public byte[] SigningPublicKeyInfo => _credentials.SigningPublicKeyInfo.ToArray();

    /// <summary>DER SubjectPublicKeyInfo of the authentication key.</summary>
    public byte[] AuthenticationPublicKeyInfo => _credentials.AuthenticationPublicKeyInfo.ToArray();

    public int SigningPinTriesLeft
    {
        get
        {
            lock (_gate)
            {
                return _signing.TriesLeft;
            }
        }
    }

    public int AuthenticationPinTriesLeft
    {
        get
        {
            lock (_gate)
            {
                return _authentication.TriesLeft;
            }
        }
    }

    /// <summary>How many command APDUs the card has been sent since it was made.</summary>
    public int CommandsReceived
    {
        get
        {
            lock (_gate)
            {
                return _commandsReceived;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            ResetVolatileState();
        }
    }

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        lock (_gate)
        {
            _commandsReceived++;
            if (!CardCommand.TryParse(commandApdu, out var command))
            {
                _signatureChain = null;
                return StatusWords.Response(StatusWords.WrongLength);
            }

            return Dispatch(command);
        }
    }

    private byte[] Dispatch(in CardCommand command)
    {
        // CLA 10 = command chaining, which this card supports for the signature input only (JAHIS A.3.3).
        if (command.Cla is not (0x00 or 0x10))
        {
            _signatureChain = null;
            return StatusWords.Response(StatusWords.ClaNotSupported);
        }

        if (command.Ins == 0x2A)
        {
            return PerformSecurityOperation(command);
        }

        // Anything else ends a chain in progress: its parts are dropped.
        _signatureChain = null;
        if (command.Cla == 0x10)
        {
            return StatusWords.Response(StatusWords.ChainingNotSupported);
        }

        return command.Ins switch
        {
            0xA4 => Select(command),
            0xB0 => ReadBinary(command),
            0x20 => Verify(command),
            0x22 => ManageSecurityEnvironment(command),
            _ => StatusWords.Response(StatusWords.InsNotSupported),
        };
    }

    private byte[] Select(in CardCommand command)
    {
        switch (command.P1)
        {
            case 0x04:
                if (!command.HasData)
                {
                    return StatusWords.Response(StatusWords.WrongLength);
                }

                // Other drivers probe with their own AIDs: an AID this card does not hold is simply not found.
                if (FindApplication(command.Data.Span) is not { } application)
                {
                    return StatusWords.Response(StatusWords.FileNotFound);
                }

                if (command.P2 is not (0x00 or 0x0C))
                {
                    return StatusWords.Response(StatusWords.IncorrectP1P2);
                }

                EnterApplication(application);
                return command.P2 == 0x00 && command.Ne is not null
                    ? StatusWords.Response(ControlInformation(application.Aid), StatusWords.Ok)
                    : StatusWords.Response(StatusWords.Ok);

            case 0x02:
                if (command.P2 != 0x0C)
                {
                    return StatusWords.Response(StatusWords.IncorrectP1P2);
                }

                if (command.Data.Length != 2 || command.Ne is not null)
                {
                    return StatusWords.Response(StatusWords.WrongLength);
                }

                var fid = (ushort)((command.Data.Span[0] << 8) | command.Data.Span[1]);
                if (_application is null || fid is not (PinFid or KeyFid or CertificateFid))
                {
                    return StatusWords.Response(StatusWords.FileNotFound);
                }

                _currentEf = fid;
                return StatusWords.Response(StatusWords.Ok);

            default:
                return StatusWords.Response(StatusWords.IncorrectP1P2);
        }
    }

    // FCI: 6F { 84 DF name } (JAHIS A.3.1, C.2).
    private static byte[] ControlInformation(byte[] aid) => [0x6F, (byte)(aid.Length + 2), 0x84, (byte)aid.Length, .. aid];

    private byte[] ReadBinary(in CardCommand command)
    {
        if (command.HasData || command.Ne is not { } expected)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        // P1 bit 8 would select by SFI; this card (like miyako's reads) addresses the current EF only.
        if ((command.P1 & 0x80) != 0)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        if (_application is null || _currentEf is not { } fid)
        {
            return StatusWords.Response(StatusWords.NoCurrentEf);
        }

        if (fid != CertificateFid)
        {
            return StatusWords.Response(StatusWords.IncompatibleFileStructure);
        }

        var content = _application.Certificate;
        var offset = (command.P1 << 8) | command.P2;
        if (offset >= content.Length)
        {
            return StatusWords.Response(StatusWords.WrongOffset);
        }

        var length = Math.Min(expected, content.Length - offset);
        return StatusWords.Response(content.AsSpan(offset, length), StatusWords.Ok);
    }

    private byte[] Verify(in CardCommand command)
    {
        if (command.P1 != 0x00)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        if (command.P2 != 0x88 || _application is not { } application)
        {
            return StatusWords.Response(StatusWords.ReferenceDataNotFound);
        }

        if (command.Ne is not null)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        if (!command.HasData)
        {
            return _retryCounterQuery switch
            {
                HpkiRetryCounterQuery.RejectedAsWrongLength => StatusWords.Response(StatusWords.WrongLength),
                HpkiRetryCounterQuery.RejectedAsIncorrectParameters => StatusWords.Response(StatusWords.IncorrectP1P2),
                _ => StatusWords.Response(StatusWords.TriesLeft(application.TriesLeft)),
            };
        }

        if (application.TriesLeft == 0)
        {
            return StatusWords.Response(StatusWords.AuthenticationMethodBlocked);
        }

        // A value of the wrong length or characters is simply a wrong PIN: the product checks the format first.
        var correct = command.Data.Span.SequenceEqual(application.Pin);
        application.TriesLeft = correct ? MaximumTries : application.TriesLeft - 1;
        application.Verified = correct;
        return StatusWords.Response(correct ? StatusWords.Ok : StatusWords.TriesLeft(application.TriesLeft));
    }

    // 00 22 41 B6 Lc {84|81 02 00 0C} (optionally with 80 algorithm reference): selects the key for PSO.
    private byte[] ManageSecurityEnvironment(in CardCommand command)
    {
        if (command.P1 != 0x41 || command.P2 != 0xB6)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        if (!command.HasData || command.Ne is not null)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        if (_application is null)
        {
            return StatusWords.Response(StatusWords.ReferenceDataNotFound);
        }

        _keySelected = false;
        var template = command.Data.Span;
        var keyReferenced = false;
        while (!template.IsEmpty)
        {
            if (template.Length < 2 || template[1] > 0x7F || template.Length < 2 + template[1])
            {
                return StatusWords.Response(StatusWords.IncorrectData);
            }

            var tag = template[0];
            var value = template.Slice(2, template[1]);
            template = template[(2 + value.Length)..];
            switch (tag)
            {
                case 0x80:
                    break;
                case 0x81 or 0x84:
                    if (value.Length != 2 || ((value[0] << 8) | value[1]) != KeyFid)
                    {
                        return StatusWords.Response(StatusWords.ReferenceDataNotFound);
                    }

                    keyReferenced = true;
                    break;
                default:
                    return StatusWords.Response(StatusWords.IncorrectData);
            }
        }

        if (!keyReferenced)
        {
            return StatusWords.Response(StatusWords.ReferenceDataNotFound);
        }

        _keySelected = true;
        return StatusWords.Response(StatusWords.Ok);
    }

    // 00 2A 9E 9A: the input is one extended APDU or a chain (CLA 10 ... then CLA 00); the answer is raw RSA.
    private byte[] PerformSecurityOperation(in CardCommand command)
    {
        if (command.P1 != 0x9E || command.P2 != 0x9A)
        {
            _signatureChain = null;
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        if (command.Cla == 0x10)
        {
            if (!command.HasData || (_signatureChain?.Count ?? 0) + command.Data.Length > SignatureBlockLength)
            {
                _signatureChain = null;
                return StatusWords.Response(StatusWords.WrongLength);
            }

            _signatureChain ??= [];
            _signatureChain.AddRange(command.Data.Span);
            return StatusWords.Response(StatusWords.Ok);
        }

        byte[] block = [.. _signatureChain ?? [], .. command.Data.Span];
        _signatureChain = null;
        if (block.Length != SignatureBlockLength || command.Ne is not >= SignatureBlockLength)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        if (_application is not { } application || !_keySelected || !application.Verified)
        {
            return StatusWords.Response(StatusWords.SecurityStatusNotSatisfied);
        }

        // userConsent: the signing key is used once per VERIFY, whatever the outcome below.
        if (application.PinForEverySignature)
        {
            application.Verified = false;
        }

        if (!IsPaddedForSigning(block))
        {
            return StatusWords.Response(StatusWords.IncorrectData);
        }

        var rsa = new RsaEngine();
        rsa.Init(true, application.Key);
        return StatusWords.Response(rsa.ProcessBlock(block, 0, block.Length), StatusWords.Ok);
    }

    // EMSA-PKCS1-v1_5 (RFC 8017 9.2): 00 01 FF..FF (at least 8) 00 T, with T non-empty.
    private static bool IsPaddedForSigning(ReadOnlySpan<byte> block)
    {
        if (block[0] != 0x00 || block[1] != 0x01)
        {
            return false;
        }

        var separator = block[2..].IndexOfAnyExcept((byte)0xFF);
        return separator >= MinimumPaddingLength && block[2 + separator] == 0x00 && 2 + separator + 1 < block.Length;
    }

    private ApplicationState? FindApplication(ReadOnlySpan<byte> aid) =>
        aid.SequenceEqual(_signing.Aid) ? _signing : aid.SequenceEqual(_authentication.Aid) ? _authentication : null;

    private void EnterApplication(ApplicationState? application)
    {
        // Any application SELECT, the same one included, ends the security state of both.
        _application = application;
        _currentEf = null;
        _keySelected = false;
        _signatureChain = null;
        _signing.Verified = false;
        _authentication.Verified = false;
    }

    private void ResetVolatileState() => EnterApplication(null);

    private sealed class ApplicationState(byte[] aid, byte[] certificate, RsaKeyParameters key, byte[] pin, int triesLeft, bool pinForEverySignature)
    {
        public byte[] Aid { get; } = aid;

        public byte[] Certificate { get; } = certificate;

        public RsaKeyParameters Key { get; } = key;

        public byte[] Pin { get; } = pin;

        public bool PinForEverySignature { get; } = pinForEverySignature;

        public int TriesLeft { get; set; } = triesLeft;

        public bool Verified { get; set; }
    }
}
