using Grpc.Core;

namespace OnshiDevice.UnitTests.Service;

/// <summary>A ServerCallContext for calling handlers directly (like grpc-dotnet's TestServerCallContext).</summary>
internal sealed class FakeServerCallContext : ServerCallContext
{
    private readonly Metadata _requestHeaders = [];
    private readonly Metadata _responseTrailers = [];

    public FakeServerCallContext(string method = "/onshi.device.v1.Cards/VerifyPin", DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        MethodCore = method;
        DeadlineCore = deadline ?? DateTime.MaxValue;
        CancellationTokenCore = cancellationToken;
    }

    protected override string MethodCore { get; }

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:50000";

    protected override DateTime DeadlineCore { get; }

    protected override Metadata RequestHeadersCore => _requestHeaders;

    protected override CancellationToken CancellationTokenCore { get; }

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
