using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>
/// `onshi health`: each part of the service (DeviceStatus.GetStatus) with its state, its facts and what to do. Exit 0
/// when every part is OK, <see cref="ExitCodes.NeedsAttention"/> when some only warn, <see cref="ExitCodes.ChecksFailed"/>
/// when one is failing.
/// </summary>
internal static class HealthCommand
{
    public static Command Create(OnshiCli cli)
    {
        var json = new Option<bool>("--json") { Description = Health.JsonDescription };
        var command = new Command("health", Health.Description) { Options = { json } };
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var status = await context.Status.GetStatusAsync(new GetStatusRequest(), deadline: context.Deadline(), cancellationToken: token);
            if (parseResult.GetValue(json))
            {
                await context.Io.Out.WriteLineAsync(JsonFormatter.Default.Format(status));
            }
            else
            {
                await WriteAsync(context.Io.Out, status);
            }

            if (status.State != PartState.Ok)
            {
                throw new ChecksFailedException { ExitCode = status.State == PartState.Warning ? ExitCodes.NeedsAttention : ExitCodes.ChecksFailed };
            }
        }));
        return command;
    }

    internal static async Task WriteAsync(TextWriter output, GetStatusResponse status)
    {
        await output.WriteLineAsync(Text.Format(Health.Heading, StateName(status.State)));
        foreach (var part in status.Parts)
        {
            await output.WriteLineAsync($"{StateName(part.State),-8} {PartName(part.Part)}: {Facts(part)}");
            foreach (var line in Details(part))
            {
                await output.WriteLineAsync($"         - {line}");
            }

            foreach (var condition in part.Conditions)
            {
                await output.WriteLineAsync($"         > {Advice(condition)}");
            }
        }
    }

    private static string StateName(PartState state) => state switch
    {
        PartState.Ok => Health.StateOk,
        PartState.Warning => Health.StateWarning,
        PartState.Failing => Health.StateFailing,
        _ => ContractNames.ShortName(state),
    };

    private static string PartName(Part part) => part switch
    {
        Part.Pcsc => Health.PartPcsc,
        Part.Trust => Health.PartTrust,
        Part.Crls => Health.PartCrls,
        Part.QualificationBridge => Health.PartQualificationBridge,
        Part.FaceReaders => Health.PartFaceReaders,
        _ => ContractNames.ShortName(part),
    };

    private static string Facts(PartStatus part) => part.FactsCase switch
    {
        PartStatus.FactsOneofCase.Pcsc when part.Pcsc.Reachable => Text.Format(
            Health.PcscReachable, part.Pcsc.Implementation, part.Pcsc.Readers.Count == 0 ? Health.NoReaderNames : string.Join(", ", part.Pcsc.Readers)),
        PartStatus.FactsOneofCase.Pcsc => Text.Format(Health.PcscUnreachable, part.Pcsc.Implementation, part.Pcsc.Error),
        PartStatus.FactsOneofCase.Trust => Text.Format(
            Health.TrustFacts,
            string.Join(", ", part.Trust.Purposes.Select(purpose => string.Create(CultureInfo.InvariantCulture, $"{ContractNames.ShortName(purpose.Purpose)} {purpose.Anchors}"))),
            part.Trust.Intermediates.ToString(CultureInfo.InvariantCulture)),
        PartStatus.FactsOneofCase.Crls when part.Crls.Crls == 0 => Health.CrlFactsNone,
        PartStatus.FactsOneofCase.Crls => Text.Format(
            Health.CrlFacts,
            part.Crls.Crls.ToString(CultureInfo.InvariantCulture),
            part.Crls.RevokedSerials.ToString(CultureInfo.InvariantCulture),
            part.Crls.OldestNextUpdate is { } oldest ? LocalTime(oldest) : Health.CrlNoNextUpdate),
        PartStatus.FactsOneofCase.FaceReaders => Text.Format(
            Health.FaceReaderFacts,
            part.FaceReaders.FaceReaders.Count(reader => reader.Connected).ToString(CultureInfo.InvariantCulture),
            part.FaceReaders.FaceReaders.Count.ToString(CultureInfo.InvariantCulture)),
        _ => string.Empty,
    };

    private static IEnumerable<string> Details(PartStatus part)
    {
        if (part.FactsCase == PartStatus.FactsOneofCase.FaceReaders)
        {
            foreach (var reader in part.FaceReaders.FaceReaders)
            {
                yield return Text.Format(
                    reader.Connected ? Health.FaceReaderConnected : Health.FaceReaderDisconnected,
                    reader.FaceReader,
                    reader.SerialPort,
                    reader.CardSlotReader,
                    part.FaceReaders.CardSlotsMissing.Contains(reader.FaceReader) ? Health.CardSlotMissing : string.Empty);
            }

            yield break;
        }

        if (part.FactsCase != PartStatus.FactsOneofCase.Crls)
        {
            yield break;
        }

        foreach (var expired in part.Crls.Expired)
        {
            yield return Text.Format(Health.ExpiredCrl, LocalTime(expired.NextUpdate), expired.Issuer, expired.File);
        }

        foreach (var problem in part.Crls.FolderProblems)
        {
            yield return Text.Format(Health.FolderProblem, problem);
        }

        if (part.Crls.LastFetch is { } fetch)
        {
            yield return Text.Format(Health.LastFetch, LocalTime(fetch.FinishedAt), fetch.Succeeded ? Health.FetchSucceeded : Health.FetchFailed);
            foreach (var problem in fetch.Problems)
            {
                yield return problem;
            }
        }
    }

    private static string Advice(PartCondition condition) => condition switch
    {
        PartCondition.PcscUnreachable => OperatingSystem.IsLinux() ? Health.AdvicePcscUnreachableLinux
            : OperatingSystem.IsWindows() ? Health.AdvicePcscUnreachableWindows
            : Health.AdvicePcscUnreachableOther,
        PartCondition.NoReaders => Health.AdviceNoReaders,
        PartCondition.NoTrustAnchors => Health.AdviceNoTrustAnchors,
        PartCondition.PurposeWithoutAnchors => Health.AdvicePurposeWithoutAnchors,
        PartCondition.NoCrlFolder => Health.AdviceNoCrlFolder,
        PartCondition.NoCrls => Health.AdviceNoCrls,
        PartCondition.CrlsExpired => Health.AdviceCrlsExpired,
        PartCondition.CrlFolderProblems => Health.AdviceCrlFolderProblems,
        PartCondition.CrlFetchFailed => Health.AdviceCrlFetchFailed,
        PartCondition.FaceReaderDisconnected => Health.AdviceFaceReaderDisconnected,
        PartCondition.CardSlotReaderMissing => Health.AdviceCardSlotReaderMissing,
        _ => Text.Format(Health.AdviceUnknownCondition, ContractNames.ShortName(condition)),
    };

    /// <summary>The local time with its zone's offset and abbreviation where the system has one (JST), ISO 8601 order.</summary>
    private static string LocalTime(Google.Protobuf.WellKnownTypes.Timestamp time)
    {
        var local = TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), TimeZoneInfo.Local);
        var zone = TimeZoneInfo.Local.Id == "Asia/Tokyo" || TimeZoneInfo.Local.Id == "Tokyo Standard Time" ? " JST" : string.Empty;
        return local.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) + zone;
    }
}
