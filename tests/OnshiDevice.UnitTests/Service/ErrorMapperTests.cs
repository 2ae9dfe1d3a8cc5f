using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.UnitTests.Service;

public sealed class ErrorMapperTests
{
    public static TheoryData<Exception, StatusCode, string> Table() => new()
    {
        { PcscException.FromCode(PcscErrorCode.NoSmartcard, "SCardConnect"), StatusCode.FailedPrecondition, "NO_CARD" },
        { PcscException.FromCode(PcscErrorCode.RemovedCard, "SCardTransmit"), StatusCode.Unavailable, "CARD_REMOVED" },
        { new CardRemovedException("gone"), StatusCode.Unavailable, "CARD_REMOVED" },
        { PcscException.FromCode(PcscErrorCode.UnknownReader, "SCardConnect"), StatusCode.NotFound, "READER_NOT_FOUND" },
        { new ReaderNotFoundException("x"), StatusCode.NotFound, "READER_NOT_FOUND" },
        { PcscException.FromCode(PcscErrorCode.SharingViolation, "SCardConnect"), StatusCode.Unavailable, "READER_BUSY" },
        { new ReaderBusyException("busy"), StatusCode.Unavailable, "READER_BUSY" },
        { PcscException.FromCode(PcscErrorCode.NoService, "SCardEstablishContext"), StatusCode.Unavailable, "PCSC_UNAVAILABLE" },
        { PcscException.FromCode(PcscErrorCode.ServiceStopped, "SCardListReaders"), StatusCode.Unavailable, "PCSC_UNAVAILABLE" },
        { PcscException.FromCode(PcscErrorCode.NoReadersAvailable, "SCardListReaders"), StatusCode.Unavailable, "PCSC_UNAVAILABLE" },
        { PcscException.FromCode(PcscErrorCode.UnresponsiveCard, "SCardConnect"), StatusCode.Unavailable, "CARD_ERROR" },
        { PcscException.FromCode(PcscErrorCode.CommError, "SCardTransmit"), StatusCode.Unavailable, "CARD_ERROR" },
        { PcscException.FromCode(PcscErrorCode.ResetCard, "SCardTransmit"), StatusCode.Unavailable, "CARD_ERROR" },
        { new UnsupportedCardException("no JPKI"), StatusCode.FailedPrecondition, "UNSUPPORTED_CARD" },
        { new PinIncorrectException(2, "wrong"), StatusCode.PermissionDenied, "PIN_INCORRECT" },
        { new PinBlockedException("blocked"), StatusCode.PermissionDenied, "PIN_BLOCKED" },
        { new LastTryRefusedException(1, "last"), StatusCode.FailedPrecondition, "LAST_TRY_REFUSED" },
        { new InvalidPinFormatException("format"), StatusCode.InvalidArgument, "INVALID_PIN_FORMAT" },
        { new SecurityStatusNotSatisfiedException("6982"), StatusCode.PermissionDenied, "SECURITY_STATUS_NOT_SATISFIED" },
        { new CardProtocolException("bad DER"), StatusCode.Unavailable, "CARD_ERROR" },
        { new MalformedResponseException("short"), StatusCode.Unavailable, "CARD_ERROR" },
        { new RequestValidationException("reader", "required"), StatusCode.InvalidArgument, "INVALID_ARGUMENT" },
        { new CallDeadlineExceededException("late"), StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED" },
        { new DisabledByConfigurationException("off", "OnshiDevice:Something"), StatusCode.FailedPrecondition, "DISABLED_BY_CONFIGURATION" },
        { new OperationCanceledException(), StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED" },
        { new InvalidOperationException("bug"), StatusCode.Internal, "INTERNAL" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_failure_maps_to_its_status_and_reason(Exception exception, StatusCode code, string reason)
    {
        var rpc = ErrorMapper.ToRpcException(exception);

        Assert.Equal(code, rpc.StatusCode);
        var info = rpc.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(reason, info.Reason);
        Assert.Equal("onshi.device", info.Domain);
    }

    [Fact]
    public void Tries_left_travel_in_the_error_metadata()
    {
        var incorrect = ErrorMapper.ToRpcException(new PinIncorrectException(2, "wrong")).GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        var refused = ErrorMapper.ToRpcException(new LastTryRefusedException(1, "last")).GetRpcStatus()!.GetDetail<ErrorInfo>()!;

        Assert.Equal("2", incorrect.Metadata["tries_left"]);
        Assert.Equal("1", refused.Metadata["tries_left"]);
    }

    [Fact]
    public void A_client_cancellation_maps_to_cancelled()
    {
        Assert.Equal(StatusCode.Cancelled, ErrorMapper.ToRpcException(new OperationCanceledException(), clientCancelled: true).StatusCode);
    }

    [Fact]
    public void Messages_of_card_and_unknown_failures_are_replaced_by_safe_texts()
    {
        var unknown = ErrorMapper.ToRpcException(new InvalidOperationException("secret 1234 inside"));
        var card = ErrorMapper.ToRpcException(new CardProtocolException("secret 1234 inside"));

        Assert.DoesNotContain("1234", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", card.Status.Detail, StringComparison.Ordinal);
        Assert.True(ErrorMapper.Map(new InvalidOperationException("x")).IsUnexpected);
        Assert.False(ErrorMapper.Map(new PinBlockedException()).IsUnexpected);
    }

    [Fact]
    public void A_bad_field_gets_a_bad_request_detail()
    {
        var rpc = ErrorMapper.ToRpcException(new RequestValidationException("sha256_digest", "32 bytes"));

        var badRequest = rpc.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal("sha256_digest", violation.Field);
    }

    [Fact]
    public void An_rpc_exception_passes_through_unchanged()
    {
        var original = new RpcException(new Grpc.Core.Status(StatusCode.AlreadyExists, "there"));

        Assert.Same(original, ErrorMapper.ToRpcException(original));
    }

    [Fact]
    public void A_reader_not_found_never_carries_the_name_it_was_raised_with()
    {
        var mapped = ErrorMapper.Map(new ReaderNotFoundException("There is no reader named \"Secret Reader\"."));

        Assert.DoesNotContain("Secret Reader", mapped.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, StatusCode, string> RequestReadFailureTable() => new()
    {
        // the status grpc-dotnet wrote, how it is answered (empty reason: left as it is)
        { "size", StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE" },
        { "parser", StatusCode.InvalidArgument, "MALFORMED_REQUEST" },
        { "other exception", StatusCode.Unknown, "" },
        { "incomplete", StatusCode.Internal, "" },
        { "unimplemented", StatusCode.Unimplemented, "" },
    };

    [Theory]
    [MemberData(nameof(RequestReadFailureTable))]
    public void Failures_of_reading_a_request_are_mapped_by_their_status_and_cause(string failure, StatusCode code, string reason)
    {
        var written = failure switch
        {
            "size" => new Grpc.Core.Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."),
            "parser" => new Grpc.Core.Status(StatusCode.Unknown, "Exception was thrown by handler.", ParserFailure()),
            "other exception" => new Grpc.Core.Status(StatusCode.Unknown, "Exception was thrown by handler.", new InvalidOperationException("bug")),
            "incomplete" => new Grpc.Core.Status(StatusCode.Internal, "Incomplete message."),
            _ => new Grpc.Core.Status(StatusCode.Unimplemented, "Method is unimplemented."),
        };

        var mapped = ErrorMapper.MapRequestReadFailure(written);

        if (reason.Length == 0)
        {
            Assert.Null(mapped);
            return;
        }

        Assert.NotNull(mapped);
        Assert.Equal((code, reason), (mapped.Code, mapped.Reason.ToWire()));
        Assert.DoesNotContain("String is invalid", mapped.Message, StringComparison.Ordinal);
        var status = ErrorMapper.ToStatus(mapped);
        Assert.Equal(reason, status.GetDetail<ErrorInfo>()?.Reason);
    }

    // What Google.Protobuf throws for a string that is not UTF-8 (its constructor is internal).
    private static Exception ParserFailure() =>
        Assert.IsType<Google.Protobuf.InvalidProtocolBufferException>(Record.Exception(() => Google.Protobuf.WellKnownTypes.StringValue.Parser.ParseFrom([0x0A, 0x02, 0xC3, 0x28])));

    [Fact]
    public void Disabled_by_configuration_names_the_setting_that_enables_the_call()
    {
        var mapped = ErrorMapper.Map(new DisabledByConfigurationException("Turned off.", "OnshiDevice:AllowJpkiSigningCertificateRead"));

        Assert.Equal(StatusCode.FailedPrecondition, mapped.Code);
        Assert.Equal("Turned off.", mapped.Message);
        Assert.Equal("OnshiDevice:AllowJpkiSigningCertificateRead", mapped.Metadata["setting"]);
    }
}
