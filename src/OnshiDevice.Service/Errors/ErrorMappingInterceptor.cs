using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts;

namespace OnshiDevice.Service.Errors;

/// <summary>
/// Logs every call's outcome and turns exceptions into rich statuses through <see cref="ErrorMapper"/>.
/// Logs name the method, status, reason and duration; never a request field (PINs travel in requests).
/// </summary>
public sealed partial class ErrorMappingInterceptor : Interceptor
{
    private readonly ILogger<ErrorMappingInterceptor> _logger;

    public ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger)
    {
        _logger = logger;
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(() => continuation(request, context), context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(async () => { await continuation(request, responseStream, context); return true; }, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(async () => { await continuation(requestStream, responseStream, context); return true; }, context);
    }

    /// <summary>Every kind of call the same way: its outcome logged, an exception turned into a rich status.</summary>
    private async Task<T> ObserveAsync<T>(Func<Task<T>> call, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            LogCompleted(context.Method, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception exception)
        {
            throw Translate(exception, context, started);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var clientCancelled = CallCancellation.IsClientCancellation(context);
        var error = ErrorMapper.Map(exception, clientCancelled);
        if (error.IsUnexpected)
        {
            LogUnexpected(exception, context.Method, elapsed);
        }
        else if (error.Code == StatusCode.Cancelled)
        {
            // Ending a watch is how clients stop it: not a failure worth a warning.
            LogCancelled(context.Method, elapsed);
        }
        else
        {
            LogFailed(context.Method, error.Code, error.Reason.ToWire(), elapsed);
        }

        return exception as RpcException ?? ErrorMapper.ToRpcException(error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} completed in {ElapsedMilliseconds:F1} ms")]
    private partial void LogCompleted(string method, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed with {StatusCode} {Reason} after {ElapsedMilliseconds:F1} ms")]
    private partial void LogFailed(string method, StatusCode statusCode, string reason, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} cancelled by the client after {ElapsedMilliseconds:F1} ms")]
    private partial void LogCancelled(string method, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly after {ElapsedMilliseconds:F1} ms")]
    private partial void LogUnexpected(Exception exception, string method, double elapsedMilliseconds);
}
