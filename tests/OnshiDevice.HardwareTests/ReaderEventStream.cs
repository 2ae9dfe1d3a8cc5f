using Grpc.Core;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.HardwareTests;

/// <summary>Reads a WatchReaders stream until the event a test waits for, keeping what it saw for failure messages.</summary>
internal sealed class ReaderEventStream(IAsyncStreamReader<WatchReadersResponse> stream)
{
    private readonly List<WatchReadersResponse> _seen = [];

    public IReadOnlyList<WatchReadersResponse> Seen => _seen;

    public async Task<WatchReadersResponse> WaitForAsync(Func<WatchReadersResponse, bool> wanted, TimeSpan within, string what)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (await stream.MoveNext(timeout.Token))
            {
                _seen.Add(stream.Current);
                if (wanted(stream.Current))
                {
                    return stream.Current;
                }
            }
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
            // Falls through to the failure below, which lists what was seen.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        throw new Xunit.Sdk.XunitException(
            $"No event '{what}' within {within.TotalSeconds} s. Seen: {string.Join(", ", _seen.Select(e => $"{e.Kind}({e.Reader})"))}");
    }
}
