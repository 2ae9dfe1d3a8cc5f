using OnshiDevice.Cards.Errors;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInFailuresTests
{
    public static TheoryData<Exception, CheckInFailureReason> Mapped => new()
    {
        { new CardRemovedException("gone"), CheckInFailureReason.CardRemoved },
        { new UnsupportedCardException("other card"), CheckInFailureReason.NotAMyNumberCard },
        { new CardProtocolException("bad"), CheckInFailureReason.CardError },
        { new PinBlockedException("blocked"), CheckInFailureReason.CardError },
        { new UnresponsiveCardException("mute"), CheckInFailureReason.CardError },
        { new FaceReaderException(FaceReaderProblem.NotConnected, "no link"), CheckInFailureReason.ReaderLinkLost },
        { new FaceReaderException(FaceReaderProblem.Refused, "no"), CheckInFailureReason.ReaderFault },
        { new InvalidOperationException("bug"), CheckInFailureReason.Unexpected },
    };

    [Theory]
    [MemberData(nameof(Mapped))]
    public void Each_exception_maps_to_one_reason(Exception exception, CheckInFailureReason reason) =>
        Assert.Equal(reason, CheckInFailures.ReasonFor(exception));

    [Fact]
    public void Every_reason_has_a_reader_message()
    {
        foreach (var reason in Enum.GetValues<CheckInFailureReason>())
        {
            Assert.True(Enum.IsDefined(CheckInFailures.MessageFor(reason)));
        }

        Assert.Equal(ReaderMessage.CardRemoved, CheckInFailures.MessageFor(CheckInFailureReason.CardRemoved));
        Assert.Equal(ReaderMessage.CertificateNotValid, CheckInFailures.MessageFor(CheckInFailureReason.CertificateNotValid));
    }
}
