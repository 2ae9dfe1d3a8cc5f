using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using OnshiDevice.Contracts.V1;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Streams;
using ContractReaderEvent = OnshiDevice.Contracts.V1.WatchReadersResponse;
using PcscReaderEvent = OnshiDevice.PcSc.ReaderEvent;

namespace OnshiDevice.Service.Readers;

/// <summary>
/// The Readers RPCs, both answered by the <see cref="ReaderHub"/>: ListReaders from a fresh snapshot, each WatchReaders
/// stream as one subscriber. No call opens a PC/SC context or holds a thread while it waits.
/// </summary>
public sealed class ReadersService : Contracts.V1.Readers.ReadersBase
{
    // The hub hands one event object to every subscriber: convert it once, not once per stream (the messages are
    // only read after this, by the serializer, which may do so from several streams at once).
    private static readonly ConditionalWeakTable<PcscReaderEvent, ContractReaderEvent> Converted = [];

    private readonly ReaderHub _hub;
    private readonly OnshiDeviceOptions _options;
    private readonly TimeProvider _timeProvider;

    public ReadersService(ReaderHub hub, IOptions<OnshiDeviceOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hub = hub;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    public override async Task<ListReadersResponse> ListReaders(ListReadersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(_options.DefaultCallTimeout);
        ReaderSnapshot snapshot;
        try
        {
            snapshot = await _hub.GetFreshSnapshotAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new CallDeadlineExceededException("PC/SC did not list the readers in time.");
        }

        if (!snapshot.PcscAvailable)
        {
            throw new PcscServiceUnavailableException("The PC/SC service is not available.");
        }

        var response = new ListReadersResponse();
        foreach (var reader in snapshot.Readers)
        {
            response.Readers.Add(new Reader
            {
                Name = reader.Name,
                CardPresent = reader.CardPresent,
                Atr = ByteString.CopyFrom(reader.Atr),
                InUse = reader.InUse,
            });
        }

        return response;
    }

    public override async Task WatchReaders(WatchReadersRequest request, IServerStreamWriter<ContractReaderEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var subscription = _hub.Subscribe();
        await SubscriptionWriter.WriteAllAsync(
            subscription,
            responseStream,
            static readerEvent => Converted.GetValue(readerEvent, ToContract),
            ReaderHub.StoppingMessage,
            ReaderSubscription.TooSlowMessage,
            context,
            _timeProvider);
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
}
