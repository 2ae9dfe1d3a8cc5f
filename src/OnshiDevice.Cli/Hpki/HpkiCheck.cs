using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// The doctor's set-up check: finds the HPKI card, reads and verifies both certificates, checks both PINs' tries
/// and makes a test signature that is verified with the certificate's own key. Seven items a doctor can judge
/// (card, certificates, validity, revocation, role, PIN, test signature); a failure never stops the steps that
/// can still tell the doctor something.
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
        var signing = await ReadAndVerifyAsync(reader, CertificateKind.HpkiSigning, CertificatePurpose.HpkiSigning, HpkiChecklist.Signing, cancellationToken);
        var authentication = await ReadAndVerifyAsync(reader, CertificateKind.HpkiAuth, CertificatePurpose.HpkiAuthentication, HpkiChecklist.Authentication, cancellationToken);
        foreach (var item in new CertificateChecks([signing, authentication], _options.AllowedRoles, Time).Items())
        {
            await _checklist.AddAsync(item);
        }

        var signingPin = await CheckPinsAsync(reader, cancellationToken);
        await CheckSignatureAsync(reader, signing.Der, signingPin, cancellationToken);
    }

    private string Time(DateTimeOffset time) => _options.ForMachines ? _context.Io.Time.ForMachines(time) : _context.Io.Time.ForPeople(time);

    private async Task<string?> FindCardAsync(CancellationToken cancellationToken)
    {
        const string Id = "card";
        var title = HpkiChecklist.TitleCard;
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
                var seen = list.Readers.Count == 0 ? HpkiChecklist.CardNoReaders : Text.Format(HpkiChecklist.CardReadersSeen, string.Join(", ", list.Readers.Select(reader => reader.Name)));
                await _checklist.AddAsync(ChecklistItem.Fail(Id, title, Text.Format(HpkiChecklist.CardNoReaderHoldsCard, seen), HpkiChecklist.CardPlaceAdvice));
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
                others.Add(Text.Format(HpkiChecklist.CardOnReader, reader, CliContext.DescribeError(failure)));
                continue;
            }

            if (identity.CardType == CardType.Hpki)
            {
                await _checklist.AddAsync(ChecklistItem.Pass(Id, title, Text.Format(HpkiChecklist.CardFound, reader)) with
                {
                    Particulars = [$"applications: {string.Join(" ", identity.Applications)}", $"ATR: {Convert.ToHexString(identity.Atr.Span)}"],
                });
                return reader;
            }

            others.Add(Text.Format(HpkiChecklist.CardOnReader, reader, Commands.Names.Of(identity.CardType)));
        }

        await _checklist.AddAsync(ChecklistItem.Fail(Id, title, Text.Format(HpkiChecklist.CardNotHpki, string.Join("; ", others)), HpkiChecklist.CardNotHpkiAdvice));
        return null;
    }

    private async Task<CertificateResult> ReadAndVerifyAsync(string reader, CertificateKind kind, CertificatePurpose purpose, string name, CancellationToken cancellationToken)
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
            return new CertificateResult(name, null, null, NotRead: CliContext.DescribeError(failure));
        }

        var request = new VerifyRequest { Der = ByteString.CopyFrom(der), Purpose = purpose };
        request.AllowedHcRoles.AddRange(_options.AllowedRoles);
        try
        {
            return new CertificateResult(name, der, await _context.Certificates.VerifyAsync(request, deadline: _context.Deadline(), cancellationToken: cancellationToken));
        }
        catch (RpcException failure) when (!IsUnreachable(failure))
        {
            return new CertificateResult(name, der, null, NotVerified: CliContext.DescribeError(failure));
        }
    }

    /// <summary>
    /// Tries left of both PINs, asked without spending one: blocked fails, few (or unknown) warns. Returns the
    /// signing PIN's status when a VERIFY may be tried, else null.
    /// </summary>
    private async Task<PinStatus?> CheckPinsAsync(string reader, CancellationToken cancellationToken)
    {
        var signing = await PinStatusAsync(reader, PinKind.HpkiSigningPin, cancellationToken);
        var authentication = await PinStatusAsync(reader, PinKind.HpkiAuthPin, cancellationToken);
        var outcome = (CheckOutcome)Math.Max((int)signing.Outcome, (int)authentication.Outcome);
        var detail = Text.Format(HpkiChecklist.PinBoth, signing.Text, authentication.Text);
        var advice = string.Join(" ", new[] { signing.Advice, authentication.Advice }.OfType<string>().Distinct());
        await _checklist.AddAsync(new ChecklistItem("pin", outcome, HpkiChecklist.TitlePin, detail, advice.Length > 0 ? advice : null));
        return signing.Status is { Blocked: false } usable ? usable : null;
    }

    private async Task<(CheckOutcome Outcome, string Text, string? Advice, PinStatus? Status)> PinStatusAsync(string reader, PinKind pin, CancellationToken cancellationToken)
    {
        PinStatus status;
        try
        {
            status = (await _context.Cards.GetPinStatusAsync(
                new GetPinStatusRequest { Reader = reader, PinKind = pin }, deadline: _context.Deadline(), cancellationToken: cancellationToken)).Status;
        }
        catch (RpcException failure) when (!IsUnreachable(failure))
        {
            return (CheckOutcome.Fail, Text.Format(HpkiChecklist.TriesNotRead, CliContext.DescribeError(failure)), HpkiChecklist.ReplaceCardAdvice, null);
        }

        return status switch
        {
            { Blocked: true } => (CheckOutcome.Fail, HpkiChecklist.TriesBlocked, HpkiChecklist.PinBlockedAdvice, status),
            { TriesLeftUnknown: true } => (CheckOutcome.Warn, HpkiChecklist.TriesUnknown, HpkiChecklist.PinUnknownAdvice, status),
            _ when status.TriesLeft <= HpkiCheckOptions.FewTriesLeft => (CheckOutcome.Warn, TriesLeft(status), Text.Format(HpkiChecklist.PinFewAdvice, HpkiCheckOptions.FewTriesLeft), status),
            _ => (CheckOutcome.Pass, TriesLeft(status), null, status),
        };
    }

    private static string TriesLeft(PinStatus status) => Text.Format(HpkiChecklist.TriesLeft, status.TriesLeft, status.MaxTries);

    private async Task CheckSignatureAsync(string reader, byte[]? signingCertificate, PinStatus? signingPin, CancellationToken cancellationToken)
    {
        const string Id = "signature";
        var title = HpkiChecklist.TitleSignature;
        if (signingCertificate is null || signingPin is null)
        {
            await _checklist.AddAsync(ChecklistItem.Fail(Id, title, signingCertificate is null ? HpkiChecklist.NotTriedNoCertificate : HpkiChecklist.NotTriedPinUnusable, HpkiChecklist.FixAboveAdvice));
            return;
        }

        var pin = await ReadPinAsync();
        if (string.IsNullOrEmpty(pin))
        {
            await _checklist.AddAsync(ChecklistItem.Fail(Id, title, HpkiChecklist.NoPin, HpkiChecklist.NoPinAdvice));
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
            var (detail, advice) = PinFailure(failure, signingPin.MaxTries);
            await _checklist.AddAsync(ChecklistItem.Fail(Id, title, detail, advice));
            return;
        }

        using var certificate = X509CertificateLoader.LoadCertificate(signingCertificate);
        using var key = certificate.GetRSAPublicKey();
        var verifies = key is not null && key.VerifyHash(digest, signed.Signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        await _checklist.AddAsync(verifies
            ? ChecklistItem.Pass(Id, title, Text.Format(HpkiChecklist.SignaturePass, signed.Signature.Length)) with
            {
                Particulars = ["RSA PKCS#1 v1.5, SHA-256"],
            }
            : ChecklistItem.Fail(Id, title, HpkiChecklist.SignatureMismatch, HpkiChecklist.SignatureMismatchAdvice));
    }

    private async Task<string?> ReadPinAsync()
    {
        if (_context.Io.ReadSecretFromTerminal is { } readSecret)
        {
            return readSecret(_options.PinPrompt);
        }

        return (await _context.Io.In.ReadLineAsync())?.Trim();
    }

    private static (string Detail, string Advice) PinFailure(RpcException failure, int maxTries)
    {
        var info = ContractErrors.ErrorInfoOf(failure);
        var triesLeft = info?.Metadata.TryGetValue(ContractErrors.TriesLeftKey, out var tries) == true ? tries : "?";
        return ContractErrors.FromWire(info?.Reason) switch
        {
            ErrorReason.PinIncorrect => (Text.Format(HpkiChecklist.PinWrong, triesLeft), Text.Format(HpkiChecklist.PinWrongAdvice, maxTries)),
            ErrorReason.LastTryRefused => (triesLeft == "unknown" ? HpkiChecklist.LastTryUnknown : HpkiChecklist.LastTryRefused, HpkiChecklist.LastTryAdvice),
            ErrorReason.PinBlocked => (HpkiChecklist.PinBlockedNow, HpkiChecklist.PinBlockedAdvice),
            ErrorReason.InvalidPinFormat => (PinEntryRules.Refused(PinKind.HpkiSigningPin), HpkiChecklist.PinFormatAdvice),
            _ => (CliContext.DescribeError(failure), HpkiChecklist.ReplaceCardAdvice),
        };
    }

    // A service that cannot be reached is not a card problem: the command ends with the one error line instead.
    private static bool IsUnreachable(RpcException failure) =>
        failure.StatusCode == StatusCode.Unavailable && failure.GetRpcStatus() is null;
}
