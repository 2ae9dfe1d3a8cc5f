using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.UnitTests.Service;

public sealed class ErrorMappingInterceptorTests
{
    private readonly RecordingLogger<ErrorMappingInterceptor> _logger = new();

    private ErrorMappingInterceptor Interceptor => new(_logger);

    [Fact]
    public async Task A_successful_call_returns_its_response_and_logs_the_method()
    {
        var response = await Interceptor.UnaryServerHandler(
            new VerifyPinRequest(),
            new FakeServerCallContext(),
            (_, _) => Task.FromResult(new VerifyPinResponse { Status = new Contracts.V1.PinStatus { TriesLeft = 3 } }));

        Assert.Equal(3, response.Status.TriesLeft);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("/onshi.device.v1.Cards/VerifyPin", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_failure_becomes_a_rich_status_and_a_warning()
    {
        var rpc = await Assert.ThrowsAsync<RpcException>(() => Interceptor.UnaryServerHandler<VerifyPinRequest, VerifyPinResponse>(
            new VerifyPinRequest { Pin = "9876" },
            new FakeServerCallContext(),
            (_, _) => throw new PinIncorrectException(2, "The PIN is incorrect.")));

        Assert.Equal(StatusCode.PermissionDenied, rpc.StatusCode);
        Assert.Equal("PIN_INCORRECT", rpc.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("PIN_INCORRECT", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_failures_never_log_or_return_the_pin()
    {
        var rpc = await Assert.ThrowsAsync<RpcException>(() => Interceptor.UnaryServerHandler<VerifyPinRequest, VerifyPinResponse>(
            new VerifyPinRequest { PinKind = PinKind.JpkiAuthPin, Pin = "98x6" },
            new FakeServerCallContext(),
            (request, _) =>
            {
                RequestValidator.Pin(request.PinKind, request.Pin);
                return Task.FromResult(new VerifyPinResponse());
            }));

        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal("INVALID_PIN_FORMAT", rpc.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        Assert.DoesNotContain("98x6", rpc.ToString(), StringComparison.Ordinal);
        Assert.All(_logger.Entries, entry => Assert.DoesNotContain("98x6", entry.Message + entry.Exception, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unexpected_exception_is_logged_with_it_and_answered_generically()
    {
        var bug = new InvalidOperationException("internal detail");

        var rpc = await Assert.ThrowsAsync<RpcException>(() => Interceptor.UnaryServerHandler<IdentifyCardRequest, IdentifyCardResponse>(
            new IdentifyCardRequest(),
            new FakeServerCallContext("/onshi.device.v1.Cards/IdentifyCard"),
            (_, _) => throw bug));

        Assert.Equal(StatusCode.Internal, rpc.StatusCode);
        Assert.DoesNotContain("internal detail", rpc.Status.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(bug, entry.Exception);
    }

    [Fact]
    public async Task A_cancellation_by_the_client_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var rpc = await Assert.ThrowsAsync<RpcException>(() => Interceptor.UnaryServerHandler<IdentifyCardRequest, IdentifyCardResponse>(
            new IdentifyCardRequest(),
            new FakeServerCallContext(cancellationToken: cancelled.Token),
            (_, _) => throw new OperationCanceledException(cancelled.Token)));

        Assert.Equal(StatusCode.Cancelled, rpc.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_at_the_deadline_is_deadline_exceeded()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var rpc = await Assert.ThrowsAsync<RpcException>(() => Interceptor.UnaryServerHandler<IdentifyCardRequest, IdentifyCardResponse>(
            new IdentifyCardRequest(),
            new FakeServerCallContext(deadline: DateTime.UtcNow.AddMilliseconds(20), cancellationToken: cancelled.Token),
            (_, _) => throw new OperationCanceledException(cancelled.Token)));

        Assert.Equal(StatusCode.DeadlineExceeded, rpc.StatusCode);
    }

    [Fact]
    public async Task Streaming_failures_are_mapped_too()
    {
        var rpc = await Assert.ThrowsAsync<RpcException>(() => Interceptor.ServerStreamingServerHandler<WatchReadersRequest, WatchReadersResponse>(
            new WatchReadersRequest(),
            new NullStreamWriter(),
            new FakeServerCallContext("/onshi.device.v1.Readers/WatchReaders"),
            (_, _, _) => throw OnshiDevice.PcSc.PcscException.FromCode(OnshiDevice.PcSc.PcscErrorCode.NoService, "SCardEstablishContext")));

        Assert.Equal(StatusCode.Unavailable, rpc.StatusCode);
        Assert.Equal("PCSC_UNAVAILABLE", rpc.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
    }

    private sealed class NullStreamWriter : IServerStreamWriter<WatchReadersResponse>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(WatchReadersResponse message) => Task.CompletedTask;
    }
}
