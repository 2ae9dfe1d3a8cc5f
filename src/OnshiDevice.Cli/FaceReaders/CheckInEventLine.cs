using System.Globalization;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.FaceReaders;

/// <summary>
/// One check-in event as `onshi checkin watch` and `attend` print it: the local time like `onshi watch`, the event's kind
/// as the contract names its field (READER_STATE, FACE_RESULT), then its facts. Enum values are the contract's short
/// names (FACE, CARD_REMOVED), the same in every language; the words around them follow the CLI's language.
/// </summary>
internal static class CheckInEventLine
{
    // Wide enough for the longest kind (CARD_FACE_NUMBER_RESULT), so the facts start in one column.
    private static readonly int KindWidth = CheckInEvent.Descriptor.Oneofs.Single(oneof => oneof.Name == "kind").Fields.Max(field => field.Name.Length);

    /// <summary>The kind's name: the oneof field's name upper-cased (reader_state is READER_STATE).</summary>
    public static string KindName(CheckInEvent.KindOneofCase kind) =>
        kind == CheckInEvent.KindOneofCase.None
            ? "UNKNOWN"
            : CheckInEvent.Descriptor.FindFieldByNumber((int)kind).Name.ToUpperInvariant();

    /// <summary>The line; <paramref name="photoFacts"/> is what the desk adds to a visual check (the photo's size), else null.</summary>
    public static string Describe(CheckInEvent checkInEvent, CliTime time, string? photoFacts = null)
    {
        ArgumentNullException.ThrowIfNull(checkInEvent);
        var when = checkInEvent.Time is { } at ? time.ClockForPeople(at.ToDateTimeOffset()) : "--:--:--";
        var facts = Facts(checkInEvent);
        if (photoFacts is not null)
        {
            facts = $"{facts}; {photoFacts}";
        }

        var kind = KindName(checkInEvent.KindCase).PadRight(KindWidth);
        return facts.Length > 0 ? $"{when} {kind} {facts}" : $"{when} {kind}".TrimEnd();
    }

    private static string Facts(CheckInEvent e) => e.KindCase switch
    {
        CheckInEvent.KindOneofCase.ReaderState => ReaderState(e.ReaderState),
        CheckInEvent.KindOneofCase.Started => Text.Format(CheckIns.Started, e.CheckInId),
        CheckInEvent.KindOneofCase.MethodChosen => ContractNames.ShortName(e.MethodChosen.Method),
        CheckInEvent.KindOneofCase.FaceResult => Face(e.FaceResult),
        CheckInEvent.KindOneofCase.PinResult => Secret(e.PinResult.Outcome, e.PinResult.HasTriesLeft ? e.PinResult.TriesLeft : null),
        CheckInEvent.KindOneofCase.CardFaceNumberNeeded =>
            e.CardFaceNumberNeeded.ReaderCanReadIt ? CheckIns.CardFaceNumberByReader : CheckIns.CardFaceNumberForStaff,
        CheckInEvent.KindOneofCase.CardFaceNumberResult =>
            Secret(e.CardFaceNumberResult.Outcome, e.CardFaceNumberResult.HasTriesLeft ? e.CardFaceNumberResult.TriesLeft : null),
        CheckInEvent.KindOneofCase.VisualCheckNeeded => VisualCheck(e.VisualCheckNeeded),
        CheckInEvent.KindOneofCase.ConsentRecorded => Consent(e.ConsentRecorded.Consent),
        CheckInEvent.KindOneofCase.Completed => Completed(e.Completed),
        CheckInEvent.KindOneofCase.Failed =>
            Text.Format(CheckIns.FailedAt, ContractNames.ShortName(e.Failed.Reason), ContractNames.ShortName(e.Failed.Step)),
        CheckInEvent.KindOneofCase.Cancelled =>
            Text.Format(CheckIns.CancelledBy, ContractNames.ShortName(e.Cancelled.By), ContractNames.ShortName(e.Cancelled.Step)),
        _ => string.Empty,
    };

    private static string ReaderState(FaceReaderState state)
    {
        if (!state.Connected)
        {
            return Text.Format(CheckIns.ReaderNotConnected, state.FaceReader);
        }

        return Text.Format(CheckIns.ReaderConnected, state.FaceReader, Model(state.Info));
    }

    /// <summary>"MODEL (firmware 1.2)", as the last handshake told it; "-" before any.</summary>
    public static string Model(FaceReaderInfo? info) =>
        info is null || (info.Model.Length == 0 && info.Firmware.Length == 0) ? "-"
        : info.Firmware.Length == 0 ? info.Model
        : Text.Format(CheckIns.ModelWithFirmware, info.Model, info.Firmware);

    private static string Face(FaceResult face)
    {
        var line = face.Outcome == FaceCaptureOutcome.Compared
            ? Text.Format(
                CheckIns.FaceCompared,
                ContractNames.ShortName(face.Outcome),
                face.Score.ToString("0.000", CultureInfo.InvariantCulture),
                YesNo(face.Live),
                YesNo(face.Passed))
            : ContractNames.ShortName(face.Outcome);
        return face.ConsecutiveFailures > 0
            ? $"{line}, {Text.Format(CheckIns.FaceFailuresInARow, face.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture))}"
            : line;
    }

    private static string Secret(SecretCheckOutcome outcome, uint? triesLeft) =>
        triesLeft switch
        {
            null => ContractNames.ShortName(outcome),
            1 => Text.Format(CheckIns.OneTryLeft, ContractNames.ShortName(outcome)),
            { } left => Text.Format(CheckIns.TriesLeft, ContractNames.ShortName(outcome), left.ToString(CultureInfo.InvariantCulture)),
        };

    // The photo itself is never part of a line; the desk adds its size (photoFacts).
    private static string VisualCheck(VisualCheckNeeded check)
    {
        var line = Text.Format(CheckIns.VisualCheck, ContractNames.ShortName(check.CardFaceSignature));
        return check.PhotoProblem.Length > 0 ? $"{line}; {Text.Format(CheckIns.PhotoProblem, check.PhotoProblem.ReplaceLineEndings(" "))}" : line;
    }

    private static string Consent(Consent? consent) =>
        consent is null ? string.Empty : $"{ContractNames.ShortName(consent.Topic)} {ContractNames.ShortName(consent.Answer)}";

    private static string Completed(CheckInCompleted completed)
    {
        var parts = new List<string>
        {
            ContractNames.ShortName(completed.Method),
            completed.Verification?.Valid == true ? CheckIns.CertificateValid : CheckIns.CertificateNotValid,
        };
        if (completed.Verification?.Path.FirstOrDefault() is { } certificate)
        {
            parts.Add(Text.Format(CheckIns.SerialAndSubject, certificate.SerialNumber, certificate.SubjectWithheld ? CheckIns.SubjectWithheld : certificate.Subject));
        }

        parts.Add(completed.Consents.Count == 0
            ? CheckIns.NoConsents
            : Text.Format(CheckIns.Consents, string.Join(", ", completed.Consents.Select(Consent))));
        return string.Join("; ", parts);
    }

    private static string YesNo(bool value) => value ? CheckIns.Yes : CheckIns.No;
}
