using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts;
using OnshiDevice.Service.Callers;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.Service.Audit;

/// <summary>
/// The audit log: one structured line per call in the category <see cref="Category"/> saying which caller (kind and
/// client name, from the connection through <see cref="Caller.Of"/>) did what (the method) on which reader, how it
/// ended (status code and ErrorInfo reason) and how long it took. It names no request field but the reader: never
/// a PIN, a digest or anything from a card. It runs outside the error mapping, so it sees the status a client gets.
/// </summary>
public sealed partial class AuditInterceptor : Interceptor
{
    public const string Category = "OnshiDevice.Audit";

    private const string NoReader = "-";
    private const string NoReason = "-";
    private const string InvalidReader = "(not a reader name)";

    private readonly ILogger _audit;

    public AuditInterceptor(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _audit = loggers.CreateLogger(Category);
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return AuditAsync(context, ReaderOf(request), () => continuation(request, context));
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return AuditAsync(context, ReaderOf(request), async () => { await continuation(request, responseStream, context); return true; });
    }

    /// <summary>A duplex call names its reader in its first request, which the method reads: the audit line names none.</summary>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return AuditAsync(context, NoReader, async () => { await continuation(requestStream, responseStream, context); return true; });
    }

    /// <summary>One audit line for the call, whatever its kind, with the status the client gets.</summary>
    private async Task<T> AuditAsync<T>(ServerCallContext context, string reader, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var caller = CallerOf(context);
        using var scope = BeginCallScope(caller, reader);
        try
        {
            var result = await call();
            Record(context, caller, reader, StatusCode.OK, NoReason, started);
            return result;
        }
        catch (RpcException failed)
        {
            Record(context, caller, reader, failed.StatusCode, ContractErrors.ErrorInfoOf(failed)?.Reason ?? NoReason, started);
            throw;
        }
    }

    /// <summary>
    /// The reader a request names, as the log may show it: a name of printable characters within the request limit,
    /// else a placeholder (a malformed name is the caller's mistake, not something to copy into the log).
    /// </summary>
    internal static string ReaderOf(object? request)
    {
        if (request is not IMessage message || message.Descriptor.FindFieldByName("reader") is not { FieldType: FieldType.String, IsRepeated: false } field)
        {
            return NoReader;
        }

        var reader = field.Accessor.GetValue(message) as string;
        if (string.IsNullOrEmpty(reader))
        {
            return NoReader;
        }

        return reader.Length <= RequestValidator.MaxReaderNameLength && reader.All(c => c < 0x7F ? c >= 0x20 : char.IsLetterOrDigit(c) || char.IsPunctuation(c) || c == ' ')
            ? reader
            : InvalidReader;
    }

    private static Caller CallerOf(ServerCallContext context) =>
        context.GetHttpContext() is { } http ? Caller.Of(http) : new Caller(CallerKind.Unauthenticated, "unknown");

    // Every line any layer logs during the call carries who called and on which reader (the same values as the audit line).
    private IDisposable? BeginCallScope(Caller caller, string reader) => _audit.BeginScope(new Dictionary<string, object>
    {
        ["CallerKind"] = caller.Kind,
        ["Client"] = caller.Name,
        ["Reader"] = reader,
    });

    private void Record(ServerCallContext context, Caller caller, string reader, StatusCode status, string reason, long started) =>
        LogCall(_audit, context.Method, caller.Kind, caller.Name, reader, status, reason, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    [LoggerMessage(
        EventId = 1001,
        Level = LogLevel.Information,
        Message = "{Method} by {CallerKind} {Client} on {Reader}: {Status} {Reason} in {DurationMs:0.0} ms")]
    private static partial void LogCall(ILogger logger, string method, CallerKind callerKind, string client, string reader, StatusCode status, string reason, double durationMs);
}
