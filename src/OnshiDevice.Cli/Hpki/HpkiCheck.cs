using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// The doctor's set-up check: finds the HPKI card, reads and verifies both certificates, checks the
/// PIN and makes a test signature that is verified with the certificate's own key. Every step adds
/// checklist items; a failure never stops the steps that can still tell the doctor something.
/// </summary>
internal sealed class HpkiCheck
{
    private readonly CliContext _context;
    private readonly HpkiCheckOptions _options;
    private readonly Checklist _checklist;

    public HpkiCheck(CliContext context, HpkiCheckOptions options, Checklist checklist)
    {
        _context = context;
        _options = options;
        _checklist = checklist;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = await FindCardAsync(cancellationToken);
        if (reader is null)
        {
            return;
        }

        _checklist.Reader = reader;
        var signingCertificate = await CheckCertificateAsync(reader, CertificateKind.HpkiSigning, CertificatePurpose.HpkiSigning, "signing-certificate", "signing certificate", cancellationToken);
        await CheckCertificateAsync(reader, CertificateKind.HpkiAuth, CertificatePurpose.HpkiAuthentication, "auth-certificate", "authentication certificate", cancellationToken);
        var pinUsable = await CheckPinStatusAsync(reader, PinKind.HpkiSigningPin, "pin-status", "signing PIN not blocked", cancellationToken);
        await CheckPinStatusAsync(reader, PinKind.HpkiAuthPin, "auth-pin-status", "authentication PIN not blocked", cancellationToken);
        await CheckSignatureAsync(reader, signingCertificate, pinUsable, cancellationToken);
    }

    private async Task<string?> FindCardAsync(CancellationToken cancellationToken)
    {
        const string Id = "card";
        const string Title = "HPKI card on a reader";
        List<string> candidates;
        if (_options.Reader is { Length: > 0 } given)
        {
            candidates = [await _context.ResolveGivenReaderAsync(given, cancellationToken)];
        }
        else
        {
            var list = await _context.Readers.ListReadersAsync(new ListReadersRequest(), deadline: _context.Deadline(), cancellationToken: cancellationToken);
            candidates = list.Readers.Where(reader => reader.CardPresent).Select(reader => reader.Name).ToList();
            if (candidates.Count == 0)
            {
                var seen = list.Readers.Count == 0 ? "no readers are connected" : $"readers: {string.Join(", ", list.Readers.Select(reader => reader.Name))}";
                await _checklist.AddAsync(ChecklistItem.Fail(Id, Title, $"no reader holds a card ({seen})",
                    "Place the HPKI card (医師資格証) on the card reader, chip side as the reader shows, and run the check again."));
                return null;
            }
        }

        var others = new List<string>();
        foreach (var reader in candidates)
        {
            IdentifyCardResponse identity;
            try
            {
                identity = await _context.WithProgressAsync(
                    _context.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = reader }, deadline: _context.Deadline(), cancellationToken: cancellationToken).ResponseAsync,
                    reader);
            }
            catch (RpcException failure) when (!IsUnreachable(failure))
            {
                // An empty reader, a card taken off, an unknown reader name: the checklist says so and what to do.
                others.Add($"\"{reader}\": {CliContext.DescribeError(failure)}");
                continue;
            }

            if (identity.CardType == CardType.Hpki)
            {
                await _checklist.AddAsync(ChecklistItem.Pass(Id, Title, $"found on \"{reader}\" ({identity.Applications.Count} HPKI applications answer)"));
                return reader;
            }

            others.Add($"\"{reader}\" holds {Commands.Names.Of(identity.CardType)}");
        }

        await _checklist.AddAsync(ChecklistItem.Fail(Id, Title, $"no HPKI card found: {string.Join("; ", others)}",
            "Place the HPKI card (医師資格証), not a My Number card, on the reader and run the check again."));
        return null;
    }

    private async Task<byte[]?> CheckCertificateAsync(
        string reader, CertificateKind kind, CertificatePurpose purpose, string id, string name, CancellationToken cancellationToken)
    {
        byte[] der;
        try
        {
            var read = await _context.WithProgressAsync(
                _context.Cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = reader, Kind = kind }, deadline: _context.Deadline(), cancellationToken: cancellationToken).ResponseAsync,
                reader);
            der = read.Der.ToByteArray();
        }
        catch (RpcException failure) when (!IsUnreachable(failure))
        {
            await _checklist.AddAsync(ChecklistItem.Fail($"{id}-read", $"{name} read", CliContext.DescribeError(failure),
                "Take the card off the reader, place it again and rerun the check; if it fails again the card may be damaged: contact its issuer."));
            return null;
        }

        var request = new VerifyRequest { Der = ByteString.CopyFrom(der), Purpose = purpose };
        request.AllowedHcRoles.AddRange(_options.AllowedRoles);
        VerifyResponse verdict;
        try
        {
            verdict = await _context.Certificates.VerifyAsync(request, deadline: _context.Deadline(), cancellationToken: cancellationToken);
        }
        catch (RpcException failure) when (!IsUnreachable(failure))
        {
            await _checklist.AddAsync(ChecklistItem.Pass($"{id}-read", $"{name} read", $"{der.Length} bytes"));
            await _checklist.AddAsync(ChecklistItem.Fail($"{id}-verify", $"{name} verification", CliContext.DescribeError(failure),
                "Clinic IT: check the OnshiDevice service's log and its Pki configuration."));
            return der;
        }

        // The subject as the service shows it: the PKI layer decides whether a certificate names a person.
        var subject = verdict.Path.Count == 0 ? "not a readable X.509 certificate"
            : verdict.Path[0].SubjectWithheld ? "subject withheld (it names a person)" : verdict.Path[0].Subject;
        await _checklist.AddAsync(ChecklistItem.Pass($"{id}-read", $"{name} read", $"{der.Length} bytes, {subject}"));
        foreach (var item in CertificateChecks.Items(id, name, verdict))
        {
            await _checklist.AddAsync(item);
        }

        return der;
    }

    /// <summary>Tries left of a PIN, asked without spending one. False when a VERIFY must not be tried.</summary>
    private async Task<bool> CheckPinStatusAsync(string reader, PinKind pin, string id, string title, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _context.Cards.GetPinStatusAsync(
                new GetPinStatusRequest { Reader = reader, PinKind = pin }, deadline: _context.Deadline(), cancellationToken: cancellationToken);
            var status = response.Status;
            if (status.Blocked)
            {
                await _checklist.AddAsync(ChecklistItem.Fail(id, title, $"blocked (0 of {status.MaxTries} tries left)",
                    "The PIN is blocked after too many wrong entries: apply to the issuing certification authority for PIN unblocking (PIN閉塞解除申請)."));
                return false;
            }

            await _checklist.AddAsync(ChecklistItem.Pass(id, title, status.TriesLeftUnknown
                ? "the card does not report its tries left"
                : string.Create(CultureInfo.InvariantCulture, $"{status.TriesLeft} of {status.MaxTries} tries left")));
            return true;
        }
        catch (RpcException failure) when (!IsUnreachable(failure))
        {
            await _checklist.AddAsync(ChecklistItem.Fail(id, title, CliContext.DescribeError(failure),
                "Take the card off the reader, place it again and rerun the check."));
            return false;
        }
    }

    private async Task CheckSignatureAsync(string reader, byte[]? signingCertificate, bool pinUsable, CancellationToken cancellationToken)
    {
        const string PinId = "pin";
        const string PinTitle = "PIN accepted";
        const string Id = "signature";
        const string Title = "test signature verifies with the signing certificate";
        if (signingCertificate is null || !pinUsable)
        {
            await _checklist.AddAsync(ChecklistItem.Fail(Id, Title, signingCertificate is null ? "not tried: the signing certificate could not be read" : "not tried: the PIN cannot be used",
                "Fix the items above first."));
            return;
        }

        var pin = await ReadPinAsync();
        if (string.IsNullOrEmpty(pin))
        {
            await _checklist.AddAsync(ChecklistItem.Fail(PinId, PinTitle, "no PIN was given",
                "Run the check on a terminal and type the PIN when asked, or pass it on standard input (echo PIN | onshi hpki check)."));
            await _checklist.AddAsync(ChecklistItem.Fail(Id, Title, "not tried: no PIN", "Give the PIN to make the test signature."));
            return;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"OnshiDevice HPKI check {DateTimeOffset.UtcNow:O} {Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}")));
        SignResponse signed;
        try
        {
            signed = await _context.WithProgressAsync(
                _context.Cards.SignAsync(
                    new SignRequest { Reader = reader, Key = KeyKind.HpkiSigningKey, Pin = pin, Sha256Digest = ByteString.CopyFrom(digest), AllowLastTry = _options.AllowLastTry },
                    deadline: _context.Deadline(),
                    cancellationToken: cancellationToken).ResponseAsync,
                reader);
        }
        catch (RpcException failure) when (!IsUnreachable(failure))
        {
            var (detail, advice) = PinFailure(failure);
            await _checklist.AddAsync(ChecklistItem.Fail(PinId, PinTitle, detail, advice));
            await _checklist.AddAsync(ChecklistItem.Fail(Id, Title, "not made", "Fix the PIN item above first."));
            return;
        }

        await _checklist.AddAsync(ChecklistItem.Pass(PinId, PinTitle, "the card accepted the PIN"));
        using var certificate = X509CertificateLoader.LoadCertificate(signingCertificate);
        using var key = certificate.GetRSAPublicKey();
        var verifies = key is not null && key.VerifyHash(digest, signed.Signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        await _checklist.AddAsync(verifies
            ? ChecklistItem.Pass(Id, Title, $"{signed.Signature.Length}-byte RSA PKCS#1 v1.5 signature over a SHA-256 test digest")
            : ChecklistItem.Fail(Id, Title, "the card's signature does not verify with the key in its own signing certificate",
                "The card's key and certificate do not belong together: do not use this card for prescriptions; contact the issuing certification authority."));
    }

    private async Task<string?> ReadPinAsync()
    {
        const string Prompt = "HPKI signing PIN (not shown): ";
        if (_context.Io.ReadSecretFromTerminal is { } readSecret)
        {
            return readSecret(Prompt);
        }

        return (await _context.Io.In.ReadLineAsync())?.Trim();
    }

    private static (string Detail, string Advice) PinFailure(RpcException failure)
    {
        var info = ContractErrors.ErrorInfoOf(failure);
        var triesLeft = info?.Metadata.TryGetValue(ContractErrors.TriesLeftKey, out var tries) == true ? tries : "?";
        return ContractErrors.FromWire(info?.Reason) switch
        {
            ErrorReason.PinIncorrect => ($"the PIN was wrong; {triesLeft} tries left", "Run the check again with the right PIN. Do not guess: the card locks after 15 wrong entries."),
            ErrorReason.LastTryRefused => ($"not tried: {(triesLeft == "unknown" ? "the card does not report its tries left, so this could be the last" : "only one try is left")}",
                "Only when you are sure of the PIN, run again with --allow-last-try; otherwise apply to the issuing certification authority."),
            ErrorReason.PinBlocked => ("the PIN is blocked", "Apply to the issuing certification authority for PIN unblocking (PIN閉塞解除申請)."),
            ErrorReason.InvalidPinFormat => ("the PIN has a length or characters the card cannot accept (4 to 16 characters); nothing was sent to the card", "Type the PIN again."),
            _ => (CliContext.DescribeError(failure), "Take the card off the reader, place it again and rerun the check."),
        };
    }

    // A service that cannot be reached is not a card problem: the command ends with the one error line instead.
    private static bool IsUnreachable(RpcException failure) =>
        failure.StatusCode == StatusCode.Unavailable && failure.GetRpcStatus() is null;
}
