using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace OnshiDevice.Service.Callers;

/// <summary>
/// The one check of who may send a PIN: a request <see cref="PinBearingRequests"/> names is refused with
/// CALLER_NOT_AUTHENTICATED unless <see cref="Caller.Of"/> says the call came from a local or mutually
/// authenticated caller. It runs before the service method, so a refused call never reaches a card.
/// </summary>
public sealed class CallerInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Check(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Check(request, context);
        return continuation(request, responseStream, context);
    }

    /// <summary>A stream of requests is judged by what its request type may carry, before the first is read.</summary>
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (PinBearingRequests.MayCarry<TRequest>() && !Caller.Of(context.GetHttpContext()).IsLocalOrMutuallyAuthenticated)
        {
            throw new CallerNotAuthenticatedException();
        }

        return continuation(requestStream, responseStream, context);
    }

    private static void Check(object? request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request is IMessage message && PinBearingRequests.Carries(message) && !Caller.Of(context.GetHttpContext()).IsLocalOrMutuallyAuthenticated)
        {
            throw new CallerNotAuthenticatedException();
        }
    }
}
