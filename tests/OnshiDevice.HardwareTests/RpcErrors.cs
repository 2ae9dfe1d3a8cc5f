using Google.Rpc;
using Grpc.Core;

namespace OnshiDevice.HardwareTests;

internal static class RpcErrors
{
    /// <summary>The google.rpc.ErrorInfo the service attaches to every error.</summary>
    public static ErrorInfo Info(this RpcException exception)
    {
        var status = exception.GetRpcStatus() ?? throw new InvalidOperationException($"No rich status on {exception.Status}.");
        return status.GetDetail<ErrorInfo>() ?? throw new InvalidOperationException("No ErrorInfo in the status details.");
    }
}
