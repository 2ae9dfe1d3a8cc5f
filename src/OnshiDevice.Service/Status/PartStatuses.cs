using Google.Protobuf.WellKnownTypes;
using OnshiDevice.Contracts.V1;
using OnshiDevice.PcSc;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Service.Certificates;
using DomainPurpose = OnshiDevice.Pki.CertificatePurpose;

namespace OnshiDevice.Service.Status;

/// <summary>
/// What each part's state is, from plain facts: the one place the status's rules live (status.proto states them), so
/// the RPC and its tests judge the same way.
/// </summary>
internal static class PartStatuses
{
    public static PartStatus Pcsc(string implementation, ReaderSnapshot? snapshot, string? error)
    {
        var facts = new PcscFacts { Implementation = implementation, Reachable = snapshot is { PcscAvailable: true } };
        if (snapshot is { PcscAvailable: true })
        {
            facts.Readers.AddRange(snapshot.Readers.Select(reader => reader.Name).Where(name => name.Length <= StatusLimits.ReaderName).Take(StatusLimits.Readers));
            return snapshot.Readers.Count == 0
                ? Part(Contracts.V1.Part.Pcsc, PartState.Warning, [PartCondition.NoReaders], facts)
                : Part(Contracts.V1.Part.Pcsc, PartState.Ok, [], facts);
        }

        facts.Error = StatusLimits.Cut(error ?? "unavailable", StatusLimits.PcscError);
        return Part(Contracts.V1.Part.Pcsc, PartState.Failing, [PartCondition.PcscUnreachable], facts);
    }

    public static PartStatus Trust(TrustStore trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var facts = new TrustFacts { Intermediates = (uint)trust.Intermediates.Count };
        foreach (var purpose in System.Enum.GetValues<DomainPurpose>())
        {
            facts.Purposes.Add(new PurposeAnchors { Purpose = Certificates.VerificationMapping.ToContract(purpose), Anchors = (uint)trust.AnchorsFor(purpose).Count });
        }

        var status = trust.Anchors.Count == 0 ? (PartState.Failing, PartCondition.NoTrustAnchors)
            : trust.PurposesWithoutAnchors.Count > 0 ? (PartState.Warning, PartCondition.PurposeWithoutAnchors)
            : (PartState.Ok, PartCondition.Unspecified);
        var part = new PartStatus { Part = Contracts.V1.Part.Trust, State = status.Item1, Trust = facts };
        if (status.Item2 != PartCondition.Unspecified)
        {
            part.Conditions.Add(status.Item2);
        }

        return part;
    }

    public static PartStatus Crls(CrlStore crls, CrlFetchReport? lastFetch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crls);
        var statistics = crls.Statistics;
        var loaded = crls.Loaded;
        var facts = new CrlFacts
        {
            FolderConfigured = crls.Folder.Length > 0,
            Crls = (uint)statistics.Crls,
            RevokedSerials = (ulong)statistics.RevokedEntries,
        };
        if (loaded.Where(crl => crl.NextUpdate is not null).Select(crl => crl.NextUpdate!.Value).DefaultIfEmpty().Min() is { } oldest && oldest != default)
        {
            facts.OldestNextUpdate = Timestamp.FromDateTimeOffset(oldest);
        }

        var expired = loaded.Where(crl => crl.NextUpdate is { } next && next < now).ToList();
        facts.Expired.AddRange(expired.Take(StatusLimits.ExpiredCrls).Select(crl => new ExpiredCrl
        {
            Issuer = StatusLimits.Cut(crl.Issuer, StatusLimits.Problem),
            File = StatusLimits.Cut(crl.File, StatusLimits.Problem),
            NextUpdate = Timestamp.FromDateTimeOffset(crl.NextUpdate!.Value),
        }));
        if (statistics.LastRefresh is { } read)
        {
            facts.LastRead = Timestamp.FromDateTimeOffset(read);
        }

        facts.FolderProblems.AddRange(StatusLimits.Bounded(statistics.LastErrors));
        if (lastFetch is not null)
        {
            facts.LastFetch = new CrlFetchResult { FinishedAt = Timestamp.FromDateTimeOffset(lastFetch.At), Succeeded = lastFetch.AllCurrent };
            var problems = lastFetch.Results.Where(result => !result.IsCurrent).Select(result => $"{result.Location}: {result.Detail}");
            facts.LastFetch.Problems.AddRange(StatusLimits.Bounded([.. lastFetch.Failure is { } failure ? [failure] : Array.Empty<string>(), .. problems]));
        }

        var failing = new List<PartCondition>();
        if (!facts.FolderConfigured)
        {
            failing.Add(PartCondition.NoCrlFolder);
        }
        else if (statistics.Crls == 0)
        {
            failing.Add(PartCondition.NoCrls);
        }

        var warnings = new List<PartCondition>();
        if (expired.Count > 0)
        {
            warnings.Add(PartCondition.CrlsExpired);
        }

        if (statistics.LastErrors.Count > 0)
        {
            warnings.Add(PartCondition.CrlFolderProblems);
        }

        if (lastFetch is { AllCurrent: false })
        {
            warnings.Add(PartCondition.CrlFetchFailed);
        }

        var state = failing.Count > 0 ? PartState.Failing : warnings.Count > 0 ? PartState.Warning : PartState.Ok;
        return Part(Contracts.V1.Part.Crls, state, [.. failing, .. warnings], crlFacts: facts);
    }

    /// <summary>
    /// The face readers: FAILING when one is not connected or PC/SC does not list its card slot reader (while PC/SC is
    /// reachable: an outage is the PC/SC part's); null when none is configured, so the part is not listed.
    /// </summary>
    public static PartStatus? FaceReaders(IReadOnlyList<FaceReaderState> readers, ReaderSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(readers);
        if (readers.Count == 0)
        {
            return null;
        }

        var facts = new FaceReaderFacts();
        facts.FaceReaders.AddRange(readers.Take(StatusLimits.FaceReaders));
        if (snapshot is { PcscAvailable: true })
        {
            facts.CardSlotsMissing.AddRange(readers
                .Where(reader => !snapshot.Readers.Any(listed => string.Equals(listed.Name, reader.CardSlotReader, StringComparison.Ordinal)))
                .Select(reader => reader.FaceReader)
                .Take(StatusLimits.FaceReaders));
        }

        var conditions = new List<PartCondition>();
        if (readers.Any(reader => !reader.Connected))
        {
            conditions.Add(PartCondition.FaceReaderDisconnected);
        }

        if (facts.CardSlotsMissing.Count > 0)
        {
            conditions.Add(PartCondition.CardSlotReaderMissing);
        }

        var part = new PartStatus { Part = Contracts.V1.Part.FaceReaders, State = conditions.Count > 0 ? PartState.Failing : PartState.Ok, FaceReaders = facts };
        part.Conditions.AddRange(conditions);
        return part;
    }

    /// <summary>The worst state of the parts (FAILING over WARNING over OK).</summary>
    public static PartState Worst(IEnumerable<PartStatus> parts) =>
        parts.Select(part => part.State).DefaultIfEmpty(PartState.Ok).Max();

    private static PartStatus Part(Contracts.V1.Part kind, PartState state, IReadOnlyList<PartCondition> conditions, PcscFacts? pcsc = null, CrlFacts? crlFacts = null)
    {
        var part = new PartStatus { Part = kind, State = state };
        part.Conditions.AddRange(conditions);
        if (pcsc is not null)
        {
            part.Pcsc = pcsc;
        }

        if (crlFacts is not null)
        {
            part.Crls = crlFacts;
        }

        return part;
    }
}
