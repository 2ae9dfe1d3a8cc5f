using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts;

namespace OnshiDevice.Service.Errors;

/// <summary>
/// Gives an ErrorInfo to the failures grpc-dotnet raises while it reads a request, before any
/// interceptor runs: a message above <c>MaxReceiveMessageSize</c> (a bare RESOURCE_EXHAUSTED) and
/// one the protobuf parser refuses, including a string that is not valid UTF-8 (a bare UNKNOWN,
/// "Exception was thrown by handler.").
/// <para>
/// It wraps the request delegate of each gRPC endpoint (an endpoint convention, so the host needs
/// no middleware of its own). When grpc-dotnet has finished the call, the status it wrote is in the
/// response headers (a trailers-only response: nothing was sent yet) or, once the response has
/// started, in the trailers; a non-OK status written there without grpc-status-details-bin is
/// mapped by <see cref="ErrorMapper.MapRequestReadFailure"/> and written again, with its details,
/// in the same place. Statuses from the services always carry details, so they are never touched.
/// docs/ARCHITECTURE.md says why this and not wrapped marshallers.
/// </para>
/// </summary>
internal static partial class RequestReadFailures
{
    private const string StatusKey = "grpc-status";
    private const string MessageKey = "grpc-message";
    private const string DetailsKey = "grpc-status-details-bin";
    private const string LoggerName = "OnshiDevice.Service.Errors.RequestReadFailures";

    /// <summary>Applies the rewrite to every endpoint the builder makes.</summary>
    public static TBuilder WithRequestReadFailureDetails<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
            {
                return;
            }

            endpoint.RequestDelegate = async context =>
            {
                await inner(context).ConfigureAwait(false);
                AddDetails(context);
            };
        });
        return builder;
    }

    private static void AddDetails(HttpContext context)
    {
        var call = context.Features.Get<IServerCallContextFeature>()?.ServerCallContext;
        if (call is null)
        {
            // Not a gRPC call (wrong content type, HTTP/1): grpc-dotnet answered it without a call context.
            return;
        }

        var destination = context.Response.HasStarted ? context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers : context.Response.Headers;
        if (destination is null || destination.IsReadOnly || !destination.ContainsKey(StatusKey) || destination.ContainsKey(DetailsKey))
        {
            return;
        }

        if (ErrorMapper.MapRequestReadFailure(call.Status) is not { } error)
        {
            return;
        }

        destination[StatusKey] = ((int)error.Code).ToString(CultureInfo.InvariantCulture);
        destination[MessageKey] = PercentEncode(error.Message);
        destination[DetailsKey] = Convert.ToBase64String(ErrorMapper.ToStatus(error).ToByteArray());
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName);
        LogUnreadable(logger, call.Method, error.Code, error.Reason.ToWire());
    }

    // grpc-message is percent-encoded UTF-8 (gRPC over HTTP/2: printable ASCII except '%' as is).
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var octet in Encoding.UTF8.GetBytes(message))
        {
            if (octet is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)octet);
            }
            else
            {
                encoded.Append(CultureInfo.InvariantCulture, $"%{octet:X2}");
            }
        }

        return encoded.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed with {StatusCode} {Reason} before reaching the service")]
    private static partial void LogUnreadable(ILogger logger, string method, StatusCode statusCode, string reason);
}
