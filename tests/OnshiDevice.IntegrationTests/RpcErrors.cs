using Google.Rpc;
using Grpc.Core;

namespace OnshiDevice.IntegrationTests;

/// <summary>Asserts on the rich status the service attaches to every error.</summary>
public static class RpcErrors
{
    public static async Task<ErrorInfo> AssertFailsAsync(StatusCode code, string reason, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, exception.StatusCode);
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        var info = status.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("onshi.device", info.Domain);
        Assert.Equal(reason, info.Reason);
        return info;
    }
}
