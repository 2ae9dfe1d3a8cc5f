using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using OnshiDevice.Simulators;

namespace OnshiDevice.TestSupport;

/// <summary>
/// A server interceptor of the test hosts that adds every PIN a request carries (any string field whose name
/// says pin or password) to the scanner, so the log tripwire looks for the PINs tests send as well as the cards'.
/// </summary>
public sealed class RequestSecretsInterceptor(SensitiveTextScanner scanner) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Record(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Record(request);
        return continuation(request, responseStream, context);
    }

    private void Record(object? request)
    {
        if (request is not IMessage message)
        {
            return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.String && !field.IsRepeated && IsSecretName(field.Name) && field.Accessor.GetValue(message) is string { Length: > 0 } value)
            {
                scanner.AddSecret(value, $"a {field.Name} a test sent in {message.Descriptor.Name}");
            }
        }
    }

    private static bool IsSecretName(string name) =>
        name.Contains("pin", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase);
}
