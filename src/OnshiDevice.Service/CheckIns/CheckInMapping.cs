using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Service.Certificates;
using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// The check-in flow's events as the contract's. The contract's enums number their values as the face-auth layer's
/// do, name for name (a unit test holds every pair to it), so a value maps by its number.
/// </summary>
internal static class CheckInMapping
{
    /// <summary>
    /// The contract event of <paramref name="checkInEvent"/>; a visual check's photo is left out (the broadcast adds it
    /// for the attending desk only).
    /// </summary>
    public static Contract.CheckInEvent ToContract(string faceReader, CheckInEvent checkInEvent)
    {
        ArgumentNullException.ThrowIfNull(checkInEvent);
        var message = new Contract.CheckInEvent
        {
            FaceReader = faceReader,
            CheckInId = checkInEvent.CheckInId.ToString(),
            Time = Timestamp.FromDateTimeOffset(checkInEvent.At),
        };
        switch (checkInEvent)
        {
            case CheckInStarted:
                message.Started = new Contract.CheckInStarted();
                break;
            case CheckInMethodChosen chosen:
                message.MethodChosen = new Contract.MethodChosen { Method = Same<Contract.CheckInMethod>(chosen.Method) };
                break;
            case FaceResult face:
                message.FaceResult = new Contract.FaceResult
                {
                    Outcome = Same<Contract.FaceCaptureOutcome>(face.Outcome),
                    Score = face.Score,
                    Live = face.Live,
                    Passed = face.Passed,
                    ConsecutiveFailures = (uint)Math.Max(0, face.ConsecutiveFailures),
                };
                break;
            case PinResult pin:
                message.PinResult = new Contract.PinResult { Outcome = Same<Contract.SecretCheckOutcome>(pin.Outcome) };
                if (pin.TriesLeft is { } pinTries)
                {
                    message.PinResult.TriesLeft = (uint)Math.Max(0, pinTries);
                }

                break;
            case CardFaceNumberNeeded needed:
                message.CardFaceNumberNeeded = new Contract.CardFaceNumberNeeded { ReaderCanReadIt = needed.ReaderCanReadIt };
                break;
            case CardFaceNumberResult number:
                message.CardFaceNumberResult = new Contract.CardFaceNumberResult { Outcome = Same<Contract.SecretCheckOutcome>(number.Outcome) };
                if (number.TriesLeft is { } numberTries)
                {
                    message.CardFaceNumberResult.TriesLeft = (uint)Math.Max(0, numberTries);
                }

                break;
            case VisualCheckNeeded visual:
                message.VisualCheckNeeded = new Contract.VisualCheckNeeded { CardFaceSignature = Same<Contract.CardFaceSignature>(visual.Photo.Signature) };
                break;
            case ConsentRecorded consent:
                message.ConsentRecorded = new Contract.ConsentRecorded { Consent = ToContract(consent.Consent) };
                break;
            case CheckInCompleted completed:
                message.Completed = ToContract(completed.Result);
                break;
            case CheckInFailed failed:
                message.Failed = new Contract.CheckInFailed { Reason = Same<Contract.CheckInFailureReason>(failed.Reason), Step = Same<Contract.CheckInStep>(failed.State) };
                break;
            case CheckInCancelled cancelled:
                message.Cancelled = new Contract.CheckInCancelled { By = Same<Contract.CheckInCancelledBy>(cancelled.By), Step = Same<Contract.CheckInStep>(cancelled.State) };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(checkInEvent), checkInEvent.GetType().Name, "Not a check-in event the contract knows.");
        }

        return message;
    }

    /// <summary>Whether <paramref name="checkInEvent"/> ends its check-in.</summary>
    public static bool IsEnd(CheckInEvent checkInEvent) => checkInEvent is CheckInCompleted or CheckInFailed or CheckInCancelled;

    public static Contract.FaceReaderInfo ToContract(FaceReaderInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new Contract.FaceReaderInfo
        {
            Model = info.Model,
            Firmware = info.Firmware,
            SerialNumber = info.SerialNumber,
            ProtocolVersion = (uint)Math.Max(0, info.ProtocolVersion),
            PinPad = info.Capabilities.HasFlag(FaceReaderCapabilities.PinPad),
            CardFaceOcr = info.Capabilities.HasFlag(FaceReaderCapabilities.CardFaceOcr),
            Liveness = info.Capabilities.HasFlag(FaceReaderCapabilities.Liveness),
        };
    }

    /// <summary>The contract value numbered as <paramref name="value"/>.</summary>
    internal static TContract Same<TContract>(System.Enum value)
        where TContract : struct, System.Enum =>
        (TContract)System.Enum.ToObject(typeof(TContract), Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));

    private static Contract.CheckInCompleted ToContract(CheckInResult result)
    {
        var completed = new Contract.CheckInCompleted
        {
            AuthCertificate = ByteString.CopyFrom(result.Certificate.Der.Span),
            Verification = VerificationMapping.ToContract(result.Certificate.Verdict),
            Method = Same<Contract.CheckInMethod>(result.Method),
            ChipPresence = new Contract.ChipPresence
            {
                Key = Same<Contract.ChipKey>(result.ChipPresence.Key),
                Challenge = ByteString.CopyFrom(result.ChipPresence.Challenge.Span),
                Signature = ByteString.CopyFrom(result.ChipPresence.Signature.Span),
                SignedAt = Timestamp.FromDateTimeOffset(result.ChipPresence.SignedAt),
            },
            PlacedAt = Timestamp.FromDateTimeOffset(result.Times.Placed),
            IdentifiedAt = Timestamp.FromDateTimeOffset(result.Times.Identified),
            AuthenticatedAt = Timestamp.FromDateTimeOffset(result.Times.Authenticated),
        };
        foreach (var consent in result.Consents)
        {
            completed.Consents.Add(ToContract(consent));
        }

        return completed;
    }

    private static Contract.Consent ToContract(ConsentRecord consent) => new()
    {
        Topic = Same<Contract.ConsentTopic>(consent.Topic),
        Answer = Same<Contract.ConsentAnswer>(consent.Answer),
        AnsweredAt = Timestamp.FromDateTimeOffset(consent.AnsweredAt),
    };
}
