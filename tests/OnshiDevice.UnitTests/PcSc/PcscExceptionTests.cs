using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

public class PcscExceptionTests
{
    public static TheoryData<PcscErrorCode, Type> Mapping => new()
    {
        { PcscErrorCode.NoService, typeof(PcscServiceUnavailableException) },
        { PcscErrorCode.ServiceStopped, typeof(PcscServiceUnavailableException) },
        { PcscErrorCode.NoReadersAvailable, typeof(NoReadersException) },
        { PcscErrorCode.UnknownReader, typeof(UnknownReaderException) },
        { PcscErrorCode.ReaderUnavailable, typeof(UnknownReaderException) },
        { PcscErrorCode.RemovedCard, typeof(CardRemovedException) },
        { PcscErrorCode.NoSmartcard, typeof(CardRemovedException) },
        { PcscErrorCode.ResetCard, typeof(CardResetException) },
        { PcscErrorCode.SharingViolation, typeof(SharingViolationException) },
        { PcscErrorCode.Timeout, typeof(PcscTimeoutException) },
        { PcscErrorCode.Cancelled, typeof(PcscCancelledException) },
        { PcscErrorCode.UnresponsiveCard, typeof(UnresponsiveCardException) },
        { PcscErrorCode.UnpoweredCard, typeof(UnresponsiveCardException) },
        { PcscErrorCode.UnsupportedCard, typeof(UnresponsiveCardException) },
        { PcscErrorCode.CommError, typeof(PcscCommunicationException) },
        { PcscErrorCode.NotTransacted, typeof(PcscCommunicationException) },
        { PcscErrorCode.ProtocolMismatch, typeof(PcscCommunicationException) },
        { PcscErrorCode.InvalidHandle, typeof(PcscException) },
        { PcscErrorCode.InternalError, typeof(PcscException) },
        { PcscErrorCode.InsufficientBuffer, typeof(PcscException) },
        { PcscErrorCode.WrongChv, typeof(PcscException) },
    };

    [Theory]
    [MemberData(nameof(Mapping))]
    public void FromCode_maps_each_code_to_its_typed_exception(PcscErrorCode code, Type expected)
    {
        var exception = PcscException.FromCode(code, "SCardTransmit");

        Assert.IsType(expected, exception);
        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal("SCardTransmit", exception.Operation);
        Assert.Contains("SCardTransmit", exception.Message, StringComparison.Ordinal);
        Assert.Contains(((uint)code).ToString("X8", System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromContextCode_reads_an_invalid_context_handle_as_the_service_having_restarted()
    {
        var exception = PcscException.FromContextCode(PcscErrorCode.InvalidHandle, "SCardListReaders");

        Assert.IsType<PcscServiceUnavailableException>(exception);
        Assert.Equal(PcscErrorCode.InvalidHandle, exception.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Mapping))]
    public void FromContextCode_agrees_with_FromCode_for_every_other_code(PcscErrorCode code, Type expected)
    {
        if (code == PcscErrorCode.InvalidHandle)
        {
            expected = typeof(PcscServiceUnavailableException);
        }

        Assert.IsType(expected, PcscException.FromContextCode(code, "SCardGetStatusChange"));
    }
}
