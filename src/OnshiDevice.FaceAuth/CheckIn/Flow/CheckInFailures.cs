using OnshiDevice.Cards.Errors;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.PcSc;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>The one mapping from what went wrong to a failure reason, and from a reason to what the reader shows.</summary>
public static class CheckInFailures
{
    /// <summary>The reason for an exception a card call or a reader command ended with.</summary>
    public static CheckInFailureReason ReasonFor(Exception exception) => exception switch
    {
        CardRemovedException => CheckInFailureReason.CardRemoved,
        UnsupportedCardException => CheckInFailureReason.NotAMyNumberCard,
        CardException or PcscException => CheckInFailureReason.CardError,
        FaceReaderException { Problem: FaceReaderProblem.NotConnected } => CheckInFailureReason.ReaderLinkLost,
        FaceReaderException => CheckInFailureReason.ReaderFault,
        _ => CheckInFailureReason.Unexpected,
    };

    /// <summary>The message the reader's result screen shows for a failure.</summary>
    public static ReaderMessage MessageFor(CheckInFailureReason reason) => reason switch
    {
        CheckInFailureReason.CardRemoved => ReaderMessage.CardRemoved,
        CheckInFailureReason.NotAMyNumberCard => ReaderMessage.NotAMyNumberCard,
        CheckInFailureReason.CardError or CheckInFailureReason.CardNotAnswering => ReaderMessage.CardNotReadable,
        CheckInFailureReason.CertificateNotValid => ReaderMessage.CertificateNotValid,
        _ => ReaderMessage.CallStaff,
    };
}
