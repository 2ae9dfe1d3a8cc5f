using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using OnshiDevice.Contracts.V1;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Errors;
using ContractReaderEvent = OnshiDevice.Contracts.V1.WatchReadersResponse;
using PcscReaderEvent = OnshiDevice.PcSc.ReaderEvent;

namespace OnshiDevice.Service.Readers;

/// <summary>The Readers RPCs: a snapshot of the readers, and a stream of their events.</summary>
public sealed class ReadersService : Contracts.V1.Readers.ReadersBase
{
    private readonly IPcscApi _api;
    private readonly OnshiDeviceOptions _options;

    public ReadersService(IPcscApi api, IOptions<OnshiDeviceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options.Value;
    }

    public override async Task<ListReadersResponse> ListReaders(ListReadersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(_options.DefaultCallTimeout);
        var snapshot = Task.Run(Snapshot, CancellationToken.None);
        try
        {
            return await snapshot.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new CallDeadlineExceededException("PC/SC did not list the readers in time.");
        }
    }

    public override async Task WatchReaders(WatchReadersRequest request, IServerStreamWriter<ContractReaderEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var monitor = new ReaderMonitor(_api);
        await foreach (var readerEvent in monitor.WatchAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(ToContract(readerEvent), context.CancellationToken);
        }
    }

    internal static ContractReaderEvent ToContract(PcscReaderEvent readerEvent) => new()
    {
        Kind = readerEvent.Kind switch
        {
            ReaderEventKind.ReaderAttached => ContractReaderEvent.Types.Kind.ReaderAttached,
            ReaderEventKind.ReaderDetached => ContractReaderEvent.Types.Kind.ReaderDetached,
            ReaderEventKind.CardInserted => ContractReaderEvent.Types.Kind.CardInserted,
            ReaderEventKind.CardRemoved => ContractReaderEvent.Types.Kind.CardRemoved,
            ReaderEventKind.PcscUnavailable => ContractReaderEvent.Types.Kind.PcscUnavailable,
            ReaderEventKind.PcscRestored => ContractReaderEvent.Types.Kind.PcscRestored,
            _ => ContractReaderEvent.Types.Kind.Unspecified,
        },
        Reader = readerEvent.ReaderName ?? "",
        Atr = ByteString.CopyFrom(readerEvent.Atr),
        Time = Timestamp.FromDateTimeOffset(readerEvent.Time),
        Detail = readerEvent.Detail ?? "",
    };

    private ListReadersResponse Snapshot()
    {
        using var pcsc = PcscContext.Establish(_api);
        var names = pcsc.GetReaders();
        var response = new ListReadersResponse();
        if (names.Count == 0)
        {
            return response;
        }

        var states = names.Select(name => new ReaderStateQuery(name)).ToArray();

        // Asking with Unaware makes PC/SC report every reader's state at once; zero timeout, no waiting.
        pcsc.WaitForChange(states, 0);
        foreach (var state in states)
        {
            var present = state.EventState.HasFlag(ReaderStatus.Present);
            response.Readers.Add(new Reader
            {
                Name = state.ReaderName,
                CardPresent = present,
                Atr = present ? ByteString.CopyFrom(state.Atr) : ByteString.Empty,
                InUse = state.EventState.HasFlag(ReaderStatus.Exclusive),
            });
        }

        return response;
    }
}
