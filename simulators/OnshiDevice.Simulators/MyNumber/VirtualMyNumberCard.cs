using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using OnshiDevice.Cards.CardFace;
using OnshiDevice.Simulators.MyNumber.CardFace;

namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// A My Number card (JPKI AP) that answers as reference/mynumber-card.md describes: GP ISD
/// current after power-up, SELECT by AID and FID, READ BINARY (offset, SFI, short and extended
/// Le), VERIFY with retry counters, CHANGE REFERENCE DATA, COMPUTE DIGITAL SIGNATURE with the
/// real private keys (every signature scheme P1 00-05 of reference §4.3), GET CHALLENGE. The 券面事項確認AP holds
/// 照合番号B (key 0012, 10 tries), the card face EF 0002 it opens (§6.2) and its own key (<c>80 2A 00 00</c>, no
/// credential). The other applications answer SELECT but expose no personal data, and GET DATA finds no data objects.
/// </summary>
/// <remarks>
/// Choices where the reference leaves the real card open (§14): re-selecting the JPKI AID clears
/// its security state (OpenSC's logout relies on it, and the product wants no verified state to
/// linger); READ BINARY with no current EF answers 6986; VERIFY or signing with no usable key or
/// PIN reference answers 6A88; reading a key or PIN EF answers 6981; a READ at or past the end of
/// the EF answers 6B00.
/// <para>
/// The card is also a privacy tripwire: a SELECT of the 券面事項入力補助AP or the 住基AP, a READ of an EF that holds
/// the 個人番号 or the basic four facts, and a VERIFY with 照合番号A (which is the 個人番号) are recorded as
/// <see cref="PrivacyViolations"/> and in <see cref="PrivacyTripwire"/>, whatever the card answers.
/// </para>
/// </remarks>
public sealed class VirtualMyNumberCard : IVirtualCard
{
    public const int AuthPinMaximumTries = 3;
    public const int SigningPasswordMaximumTries = 5;
    public const int CardFaceNumberBMaximumTries = 10;

    private const int MaximumSigningInput = 256 - 11;
    private const int MaximumHashedMessage = 255;
    private const int Sha256Length = 32;

    // DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1).
    private static readonly byte[] Sha256DigestInfoPrefix = Convert.FromHexString("3031300d060960864801650304020105000420");

    private static readonly byte[] ContactAtr = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];
    // TS is neither 3B nor 3F, and T0 promises interface and historical bytes that never come.
    private static readonly byte[] InvalidAtr = [0x5A, 0xFF, 0x9A];

    private readonly Lock _gate = new();
    private readonly JpkiCardCredentials _credentials;
    private byte[] _authPin;
    private byte[] _signingPassword;
    private readonly byte[] _cardFaceNumberB;
    private readonly VirtualMyNumberCardFault _fault;
    private readonly Dictionary<ushort, CardFile> _jpkiFiles;
    private readonly Dictionary<MyNumberApplication, Dictionary<ushort, CardFile>> _files;

    private int _authTriesLeft;
    private int _signingTriesLeft;
    private int _cardFaceNumberBTriesLeft;
    private int _commandsReceived;
    private readonly List<PrivacyViolation> _privacyViolations = [];
    private MyNumberApplication _application;
    private CardFile? _currentEf;
    private bool _authPinVerified;
    private bool _signingPasswordVerified;
    private bool _cardFaceNumberBVerified;

    internal VirtualMyNumberCard(
        JpkiCardCredentials credentials,
        string authPin,
        string signingPassword,
        int authTriesLeft,
        int signingTriesLeft,
        VirtualMyNumberCardFault fault = VirtualMyNumberCardFault.None,
        int cardFaceNumberBTriesLeft = CardFaceNumberBMaximumTries)
    {
        _credentials = credentials;
        _authPin = Encoding.ASCII.GetBytes(authPin);
        _signingPassword = Encoding.ASCII.GetBytes(signingPassword);
        _authTriesLeft = Math.Clamp(authTriesLeft, 0, AuthPinMaximumTries);
        _signingTriesLeft = Math.Clamp(signingTriesLeft, 0, SigningPasswordMaximumTries);
        _cardFaceNumberB = Encoding.ASCII.GetBytes(VirtualMyNumberCards.CardFaceNumberB);
        _cardFaceNumberBTriesLeft = Math.Clamp(cardFaceNumberBTriesLeft, 0, CardFaceNumberBMaximumTries);
        _fault = fault;
        _jpkiFiles = JpkiFiles(credentials, fault);
        _files = new()
        {
            [MyNumberApplication.IssuerSecurityDomain] = [],
            [MyNumberApplication.Jpki] = _jpkiFiles,
            [MyNumberApplication.TextInputSupport] = ForeignFiles([0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008], [0x0011, 0x0012, 0x0014, 0x0015]),
            [MyNumberApplication.CardFace] = CardFaceFiles(),
            [MyNumberApplication.CommonCard] = ForeignFiles([0x0001], [0x001C]),
            [MyNumberApplication.Juki] = [],
        };
        ResetVolatileState();
    }

    public byte[] Atr => (_fault == VirtualMyNumberCardFault.GarbageAtr ? InvalidAtr : ContactAtr).ToArray();

    public VirtualMyNumberCardFault Fault => _fault;

    public byte[] AuthCertificate => _credentials.AuthCertificate.ToArray();

    public byte[] AuthCaCertificate => _credentials.AuthCaCertificate.ToArray();

    public byte[] SigningCertificate => _credentials.SigningCertificate.ToArray();

    public byte[] SigningCaCertificate => _credentials.SigningCaCertificate.ToArray();

    /// <summary>DER SubjectPublicKeyInfo of the key in EF 0017.</summary>
    public byte[] AuthPublicKeyInfo => _credentials.AuthPublicKeyInfo.ToArray();

    /// <summary>DER SubjectPublicKeyInfo of the key in EF 001A.</summary>
    public byte[] SigningPublicKeyInfo => _credentials.SigningPublicKeyInfo.ToArray();

    public int AuthPinTriesLeft
    {
        get
        {
            lock (_gate)
            {
                return _authTriesLeft;
            }
        }
    }

    public int CardFaceNumberBTriesLeft
    {
        get
        {
            lock (_gate)
            {
                return _cardFaceNumberBTriesLeft;
            }
        }
    }

    public int SigningPasswordTriesLeft
    {
        get
        {
            lock (_gate)
            {
                return _signingTriesLeft;
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

    /// <summary>Every access this card has seen that the product must never make (see remarks).</summary>
    public IReadOnlyList<PrivacyViolation> PrivacyViolations
    {
        get
        {
            lock (_gate)
            {
                return _privacyViolations.ToArray();
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
            if (_fault == VirtualMyNumberCardFault.MoreDataForever)
            {
                return MoreData(commandApdu);
            }

            if (!CardCommand.TryParse(commandApdu, out var command))
            {
                return StatusWords.Response(StatusWords.WrongLength);
            }

            CheckPrivacy(command, commandApdu);
            return Dispatch(command);
        }
    }

    private static byte[] MoreData(ReadOnlySpan<byte> commandApdu)
    {
        const byte more = 0x10;
        var isGetResponse = commandApdu.Length >= 4 && commandApdu[1] == 0xC0;
        return isGetResponse ? StatusWords.Response(new byte[more], 0x6100 | more) : StatusWords.Response(0x6100 | more);
    }

    private byte[] Dispatch(in CardCommand command)
    {
        var classCheck = CheckClass(command);
        if (classCheck != StatusWords.Ok)
        {
            return StatusWords.Response(classCheck);
        }

        return (command.Cla, command.Ins) switch
        {
            (0x00, 0xA4) => Select(command),
            (0x00, 0xB0) => ReadBinary(command),
            (0x00, 0x20) => Verify(command),
            (0x80, 0x2A) => ComputeDigitalSignature(command),
            (0x00, 0x24) => ChangeReferenceData(command),
            (0x00, 0x84) => GetChallenge(command),
            (0x00, 0xCA) => StatusWords.Response(command.Ne is null ? StatusWords.WrongLength : StatusWords.ReferenceDataNotFound),
            _ => StatusWords.Response(StatusWords.InsNotSupported),
        };
    }

    // Channel 0 only, no secure messaging, no chaining (reference §1).
    private static ushort CheckClass(in CardCommand command)
    {
        var cla = command.Cla;
        if (cla is 0x00 or 0x80)
        {
            return StatusWords.Ok;
        }

        if ((cla & 0x80) == 0)
        {
            if ((cla & 0x40) != 0 || (cla & 0x03) != 0)
            {
                return StatusWords.ChannelNotSupported;
            }

            if ((cla & 0x0C) != 0)
            {
                return command.Ins == 0xA4 ? StatusWords.SecureMessagingNotSupported : StatusWords.SecureMessagingObjectsMissing;
            }

            return StatusWords.ClaNotSupported;
        }

        return (cla & 0xFC) == 0x80 ? StatusWords.ChannelNotSupported : StatusWords.ClaNotSupported;
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

                // Other card drivers probe with their own AIDs in every form (P2 00 asking for FCI, with Le):
                // an AID the card does not hold is simply not found (reference §9).
                if (MyNumberApplications.FindByAid(command.Data.Span) is not { } application)
                {
                    return StatusWords.Response(StatusWords.FileNotFound);
                }

                if (command.P2 != 0x0C)
                {
                    return StatusWords.Response(StatusWords.IncorrectP1P2);
                }

                if (command.Ne is not null)
                {
                    return StatusWords.Response(StatusWords.WrongLength);
                }

                EnterApplication(application);
                return StatusWords.Response(StatusWords.Ok);

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
                if (!_files[_application].TryGetValue(fid, out var file))
                {
                    return StatusWords.Response(StatusWords.FileNotFound);
                }

                _currentEf = file;
                return StatusWords.Response(StatusWords.Ok);

            case 0x00:
                // MF: refused right after power-up; once an AP is current it answers 9000 and changes nothing (reference §2).
                if (command.HasData)
                {
                    return StatusWords.Response(StatusWords.FileNotFound);
                }

                return StatusWords.Response(_application == MyNumberApplication.IssuerSecurityDomain ? StatusWords.IncorrectP1P2 : StatusWords.Ok);

            default:
                return StatusWords.Response(StatusWords.IncorrectP1P2);
        }
    }

    private byte[] ReadBinary(in CardCommand command)
    {
        if (command.HasData || command.Ne is not { } expected)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        CardFile file;
        int offset;
        if ((command.P1 & 0x80) != 0)
        {
            var sfi = command.P1 & 0x1F;
            if ((command.P1 & 0x60) != 0 || sfi == 0)
            {
                return StatusWords.Response(StatusWords.IncorrectP1P2);
            }

            if (FindByShortId(sfi) is not { } bySfi)
            {
                return StatusWords.Response(StatusWords.FileNotFound);
            }

            _currentEf = bySfi;
            file = bySfi;
            offset = command.P2;
        }
        else
        {
            if (_currentEf is null)
            {
                return StatusWords.Response(StatusWords.NoCurrentEf);
            }

            file = _currentEf;
            offset = (command.P1 << 8) | command.P2;
        }

        if (file.Kind != CardFileKind.Binary)
        {
            return StatusWords.Response(StatusWords.IncompatibleFileStructure);
        }

        if (!IsSatisfied(file.Access))
        {
            return StatusWords.Response(StatusWords.SecurityStatusNotSatisfied);
        }

        if (offset >= file.Content.Length)
        {
            return StatusWords.Response(StatusWords.WrongOffset);
        }

        var length = Math.Min(expected, file.Content.Length - offset);
        return StatusWords.Response(file.Content.AsSpan(offset, length), StatusWords.Ok);
    }

    private byte[] Verify(in CardCommand command)
    {
        if (command.P1 != 0x00)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        var reference = ResolveReference(command.P2);
        if (reference.File is null)
        {
            return StatusWords.Response(reference.Status);
        }

        if (command.Ne is not null)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        var pinFile = reference.File;
        if (pinFile.Kind != CardFileKind.Pin)
        {
            return StatusWords.Response(StatusWords.ReferenceDataNotFound);
        }

        if (pinFile.Access is not (AccessCondition.AuthPin or AccessCondition.SigningPassword or AccessCondition.CardFaceNumberB))
        {
            // The other applications' PINs: this simulator holds no such data, so they act blocked.
            return StatusWords.Response(command.HasData ? StatusWords.ReferenceDataBlocked : StatusWords.TriesLeft(0));
        }

        if (pinFile.Access == AccessCondition.CardFaceNumberB)
        {
            return VerifyCardFaceNumberB(command);
        }

        var isAuth = pinFile.Access == AccessCondition.AuthPin;
        var triesLeft = isAuth ? _authTriesLeft : _signingTriesLeft;
        if (!command.HasData)
        {
            // The retry-counter query: answers 63Cx even right after a successful VERIFY (reference §3).
            return StatusWords.Response(StatusWords.TriesLeft(triesLeft));
        }

        if (triesLeft == 0)
        {
            return StatusWords.Response(StatusWords.ReferenceDataBlocked);
        }

        var expected = isAuth ? _authPin : _signingPassword;
        var correct = command.Data.Span.SequenceEqual(expected);
        triesLeft = correct ? (isAuth ? AuthPinMaximumTries : SigningPasswordMaximumTries) : triesLeft - 1;
        if (isAuth)
        {
            _authTriesLeft = triesLeft;
            _authPinVerified = correct;
        }
        else
        {
            _signingTriesLeft = triesLeft;
            _signingPasswordVerified = correct;
        }

        return StatusWords.Response(correct ? StatusWords.Ok : StatusWords.TriesLeft(triesLeft));
    }

    // The same counter rules as the JPKI PINs: 63Cx to the query, reset to the maximum on success, 6984 once blocked.
    private byte[] VerifyCardFaceNumberB(in CardCommand command)
    {
        if (!command.HasData)
        {
            return StatusWords.Response(StatusWords.TriesLeft(_cardFaceNumberBTriesLeft));
        }

        if (_cardFaceNumberBTriesLeft == 0)
        {
            return StatusWords.Response(StatusWords.ReferenceDataBlocked);
        }

        var correct = command.Data.Span.SequenceEqual(_cardFaceNumberB);
        _cardFaceNumberBTriesLeft = correct ? CardFaceNumberBMaximumTries : _cardFaceNumberBTriesLeft - 1;
        _cardFaceNumberBVerified = correct;
        return StatusWords.Response(correct ? StatusWords.Ok : StatusWords.TriesLeft(_cardFaceNumberBTriesLeft));
    }

    // 80 2A 00 00: the 券面事項確認AP's own key pads and signs what it is given, no credential (reference §6.3).
    private byte[] SignWithCardFaceKey(in CardCommand command)
    {
        if (command.P1 != 0x00)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        if (!command.HasData || command.Ne is not { } expected || expected < 256)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        if (command.Data.Length > MaximumSigningInput)
        {
            return StatusWords.Response(StatusWords.ConditionsOfUseNotSatisfied);
        }

        var key = _fault == VirtualMyNumberCardFault.CardFaceKeyMismatch ? VirtualCardFace.ImpostorKey : VirtualCardFace.ApplicationKey;
        return StatusWords.Response(Pkcs1(command.Data.Span, key), StatusWords.Ok);
    }

    private byte[] ComputeDigitalSignature(in CardCommand command)
    {
        if (_application == MyNumberApplication.CardFace && command.P2 == 0x00)
        {
            return SignWithCardFaceKey(command);
        }

        var reference = ResolveReference(command.P2);
        if (reference.File is null)
        {
            return StatusWords.Response(reference.Status);
        }

        if (command.P1 > 0x05)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        if (!command.HasData || command.Ne is not { } expected || expected < 256)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        var keyFile = reference.File;
        if (keyFile.Kind != CardFileKind.Key)
        {
            return StatusWords.Response(StatusWords.ReferenceDataNotFound);
        }

        if (!IsSatisfied(keyFile.Access))
        {
            return StatusWords.Response(StatusWords.SecurityStatusNotSatisfied);
        }

        var key = keyFile.Access == AccessCondition.AuthPin ? _credentials.AuthPrivateKey : _credentials.SigningPrivateKey;
        var signature = Sign(command.P1, command.Data.Span, key);
        return signature is null
            ? StatusWords.Response(StatusWords.ConditionsOfUseNotSatisfied)
            : StatusWords.Response(signature, StatusWords.Ok);
    }

    /// <summary>The signature schemes of reference §4.3 by P1; null when the input has the wrong length for the scheme.</summary>
    private static byte[]? Sign(byte scheme, ReadOnlySpan<byte> input, AsymmetricKeyParameter key) => scheme switch
    {
        0x00 => input.Length <= MaximumSigningInput ? Pkcs1(input, key) : null,
        0x01 => input.Length <= MaximumHashedMessage ? Pkcs1(SHA256.HashData(input), key) : null,
        0x02 => input.Length == Sha256Length ? Pkcs1([.. Sha256DigestInfoPrefix, .. input], key) : null,
        0x03 => input.Length <= MaximumHashedMessage ? Pkcs1([.. Sha256DigestInfoPrefix, .. SHA256.HashData(input)], key) : null,
        0x04 => input.Length == Sha256Length ? Pss(input, key) : null,
        _ => Pss(SHA256.HashData(input), key),
    };

    // PKCS#1 v1.5 type-1 padding of the block as given, then the private-key operation.
    private static byte[] Pkcs1(ReadOnlySpan<byte> block, AsymmetricKeyParameter key)
    {
        var rsa = new Pkcs1Encoding(new RsaEngine());
        rsa.Init(true, key);
        var input = block.ToArray();
        return rsa.ProcessBlock(input, 0, input.Length);
    }

    // RSASSA-PSS over a SHA-256 hash: MGF1-SHA-256, a random salt as long as the hash (RFC 8017 §9.1).
    private static byte[] Pss(ReadOnlySpan<byte> sha256, AsymmetricKeyParameter key)
    {
        var signer = PssSigner.CreateRawSigner(new RsaEngine(), new Sha256Digest());
        signer.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        var hash = sha256.ToArray();
        signer.BlockUpdate(hash, 0, hash.Length);
        return signer.GenerateSignature();
    }

    /// <summary>Records the accesses the product must never make (see remarks), before the card answers them.</summary>
    private void CheckPrivacy(in CardCommand command, ReadOnlySpan<byte> commandApdu)
    {
        var what = (command.Cla, command.Ins, command.P1) switch
        {
            (0x00, 0xA4, 0x04) => MyNumberApplications.FindByAid(command.Data.Span) switch
            {
                MyNumberApplication.TextInputSupport => "SELECT of the 券面事項入力補助AP",
                MyNumberApplication.Juki => "SELECT of the 住基AP",
                _ => null,
            },
            (0x00, 0xB0, _) => ReadTarget(command) is { } fid ? PersonalFile(_application, fid) : null,
            (0x00, 0x20, 0x00) => ResolveReference(command.P2).File is { } pin && IsMyNumberPin(_application, pin.Fid) && command.HasData
                ? "VERIFY with 照合番号A (the 個人番号)"
                : null,
            _ => null,
        };
        if (what is null)
        {
            return;
        }

        var violation = new PrivacyViolation(what, Convert.ToHexString(commandApdu));
        _privacyViolations.Add(violation);
        PrivacyTripwire.Record(violation);
    }

    // The EF a READ BINARY would read: by SFI in P1, else the current EF.
    private ushort? ReadTarget(in CardCommand command) =>
        (command.P1 & 0x80) != 0
            ? FindByShortId(command.P1 & 0x1F)?.Fid
            : _currentEf?.Fid;

    private static string? PersonalFile(MyNumberApplication application, ushort fid) => (application, fid) switch
    {
        (MyNumberApplication.TextInputSupport, 0x0001) => "READ of the 個人番号 (券面事項入力補助AP EF 0001)",
        (MyNumberApplication.TextInputSupport, 0x0002) => "READ of the basic four facts (券面事項入力補助AP EF 0002)",
        (MyNumberApplication.CardFace, 0x0005) => "READ of the rendered 個人番号 (券面事項確認AP EF 0005)",
        _ => null,
    };

    private static bool IsMyNumberPin(MyNumberApplication application, ushort fid) =>
        (application, fid) is (MyNumberApplication.TextInputSupport, 0x0014) or (MyNumberApplication.CardFace, 0x0013);

    // 00 24 01 80|sfi Lc NEW: replaces a PIN verified in this session (reference §3). Format rules
    // follow the PIN's kind: 4 digits for the auth PIN, 6-16 of A-Z 0-9 for the signing password.
    private byte[] ChangeReferenceData(in CardCommand command)
    {
        if (command.P1 != 0x01)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        var reference = ResolveReference(command.P2);
        if (reference.File is null)
        {
            return StatusWords.Response(reference.Status);
        }

        if (!command.HasData || command.Ne is not null)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        var pinFile = reference.File;
        if (pinFile.Kind != CardFileKind.Pin)
        {
            return StatusWords.Response(StatusWords.ReferenceDataNotFound);
        }

        var isAuth = pinFile.Access == AccessCondition.AuthPin;
        if (pinFile.Access is not (AccessCondition.AuthPin or AccessCondition.SigningPassword) || !IsSatisfied(pinFile.Access))
        {
            return StatusWords.Response(StatusWords.SecurityStatusNotSatisfied);
        }

        var newValue = command.Data.Span;
        var wellFormed = isAuth
            ? newValue.Length == 4 && !newValue.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            : newValue.Length is >= 6 and <= 16 && IsUpperAlphanumeric(newValue);
        if (!wellFormed)
        {
            return StatusWords.Response(StatusWords.IncorrectData);
        }

        if (isAuth)
        {
            _authPin = newValue.ToArray();
        }
        else
        {
            _signingPassword = newValue.ToArray();
        }

        return StatusWords.Response(StatusWords.Ok);
    }

    private static bool IsUpperAlphanumeric(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')))
            {
                return false;
            }
        }

        return true;
    }

    // Short Le only: the card refuses an extended GET CHALLENGE (reference §3).
    private static byte[] GetChallenge(in CardCommand command)
    {
        if (command.P1 != 0 || command.P2 != 0)
        {
            return StatusWords.Response(StatusWords.IncorrectP1P2);
        }

        if (command.HasData || command.Ne is not { } length)
        {
            return StatusWords.Response(StatusWords.WrongLength);
        }

        return command.IsExtended
            ? StatusWords.Response(StatusWords.ConditionsOfUseNotSatisfied)
            : StatusWords.Response(RandomNumberGenerator.GetBytes(length), StatusWords.Ok);
    }

    /// <summary>P2 <c>80</c> = the current EF; <c>80|sfi</c> = the EF with that short id. Without a file, Status says why.</summary>
    private ResolvedReference ResolveReference(byte p2)
    {
        if (p2 == 0x80)
        {
            return _currentEf is null ? new ResolvedReference(null, StatusWords.ReferenceDataNotFound) : new ResolvedReference(_currentEf, StatusWords.Ok);
        }

        if ((p2 & 0xE0) != 0x80)
        {
            return new ResolvedReference(null, StatusWords.IncorrectP1P2);
        }

        return FindByShortId(p2 & 0x1F) is { } file
            ? new ResolvedReference(file, StatusWords.Ok)
            : new ResolvedReference(null, StatusWords.ReferenceDataNotFound);
    }

    private CardFile? FindByShortId(int sfi) =>
        _files[_application].Values.FirstOrDefault(file => file.ShortFileId == sfi && (file.Fid & 0xFFE0) == 0);

    private bool IsSatisfied(AccessCondition access) => access switch
    {
        AccessCondition.Always => true,
        AccessCondition.AuthPin => _authPinVerified,
        AccessCondition.SigningPassword => _signingPasswordVerified,
        AccessCondition.CardFaceNumberB => _cardFaceNumberBVerified,
        _ => false,
    };

    private void EnterApplication(MyNumberApplication application)
    {
        // Any SELECT of a DF, the same one included, ends the security state of the DF left.
        _application = application;
        _currentEf = null;
        _authPinVerified = false;
        _signingPasswordVerified = false;
        _cardFaceNumberBVerified = false;
        if (application == MyNumberApplication.CardFace && _files[application][CardFaceAp.CardFaceFile].Content.Length == 0)
        {
            // Built on the first entry, so cards whose card face nobody reads never draw the photo.
            _files[application][CardFaceAp.CardFaceFile] = CardFile.Binary(
                CardFaceAp.CardFaceFile, VirtualCardFace.File(_fault == VirtualMyNumberCardFault.CardFaceSignatureMismatch), AccessCondition.CardFaceNumberB);
        }
    }

    private void ResetVolatileState() => EnterApplication(MyNumberApplication.IssuerSecurityDomain);

    private static Dictionary<ushort, CardFile> JpkiFiles(JpkiCardCredentials credentials, VirtualMyNumberCardFault fault)
    {
        var authCertificate = credentials.AuthCertificate.ToArray();
        if (fault == VirtualMyNumberCardFault.AuthCertificateHeaderOverstatesLength)
        {
            var claimed = ((authCertificate[2] << 8) | authCertificate[3]) + 64;
            authCertificate[2] = (byte)(claimed >> 8);
            authCertificate[3] = (byte)claimed;
        }

        CardFile[] files =
        [
            CardFile.Binary(0x0001, credentials.SigningCertificate.ToArray(), AccessCondition.SigningPassword),
            CardFile.Binary(0x0002, credentials.SigningCaCertificate.ToArray()),
            CardFile.Binary(0x0006, JpkiTokenInfo.Build()),
            CardFile.Binary(0x0008, [0x8F, 0x8F, 0x00]),
            CardFile.Hidden(0x0009),
            CardFile.Binary(0x000A, authCertificate),
            CardFile.Binary(0x000B, credentials.AuthCaCertificate.ToArray()),
            CardFile.Key(0x0016, AccessCondition.Never),
            CardFile.Key(0x0017, AccessCondition.AuthPin),
            CardFile.Pin(0x0018, AccessCondition.AuthPin),
            CardFile.Key(0x001A, AccessCondition.SigningPassword),
            CardFile.Pin(0x001B, AccessCondition.SigningPassword),
        ];
        return files.ToDictionary(file => file.Fid);
    }

    // EF 0002 is opened by 照合番号B (0012); 照合番号A (0013), the birth-date key and the other files stay closed.
    private static Dictionary<ushort, CardFile> CardFaceFiles()
    {
        var files = ForeignFiles([0x0001, 0x0003, 0x0004, 0x0005], [0x0011, 0x0013]);
        files[CardFaceAp.CardFaceFile] = CardFile.Binary(CardFaceAp.CardFaceFile, [], AccessCondition.CardFaceNumberB);
        files[CardFaceAp.NumberBKey] = CardFile.Pin(CardFaceAp.NumberBKey, AccessCondition.CardFaceNumberB);
        return files;
    }

    private static Dictionary<ushort, CardFile> ForeignFiles(ushort[] dataFiles, ushort[] pins) =>
        dataFiles.Select(CardFile.Hidden)
            .Concat(pins.Select(fid => CardFile.Pin(fid, AccessCondition.Never)))
            .ToDictionary(file => file.Fid);

    private readonly record struct ResolvedReference(CardFile? File, ushort Status);
}
