using Google.Rpc;
using Grpc.Core;

namespace OnshiDevice.TestSupport;

/// <summary>Asserts on the rich status the service attaches to every error.</summary>
public static class RpcErrors
{
    /// <summary>Runs the call, asserts it fails with the status code and ErrorInfo reason, and returns the ErrorInfo.</summary>
    public static async Task<ErrorInfo> AssertFailsAsync(StatusCode code, string reason, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, exception.StatusCode);
        var info = exception.Info();
        Assert.Equal("onshi.device", info.Domain);
        Assert.Equal(reason, info.Reason);
        return info;
    }

    /// <summary>The google.rpc.ErrorInfo the service attaches to every error.</summary>
    public static ErrorInfo Info(this RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = exception.GetRpcStatus() ?? throw new InvalidOperationException($"No rich status on {exception.Status}.");
        return status.GetDetail<ErrorInfo>() ?? throw new InvalidOperationException("No ErrorInfo in the status details.");
    }
}
