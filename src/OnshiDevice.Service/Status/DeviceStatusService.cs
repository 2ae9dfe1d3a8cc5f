using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using OnshiDevice.Contracts.V1;
using OnshiDevice.PcSc;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Service.Certificates;
using OnshiDevice.Service.Readers;

namespace OnshiDevice.Service.Status;

/// <summary>DeviceStatus.GetStatus: each part of the service with its state, conditions and facts (rules in <see cref="PartStatuses"/>).</summary>
internal sealed class DeviceStatusService(
    IPcscApi api, ReaderHub hub, TrustStore trust, CrlStore crls, CrlFetchState fetches, CheckIns.FaceReaderStations faceReaders, TimeProvider timeProvider)
    : DeviceStatus.DeviceStatusBase
{
    /// <summary>The longest the status waits for the reader hub's fresh look; PC/SC that does not answer by then is FAILING.</summary>
    private static readonly TimeSpan PcscBound = TimeSpan.FromSeconds(5);

    public override async Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = timeProvider.GetUtcNow();
        var response = new GetStatusResponse { CheckedAt = Timestamp.FromDateTimeOffset(now) };
        var (pcsc, snapshot) = await PcscAsync(context.CancellationToken).ConfigureAwait(false);
        response.Parts.Add(pcsc);
        response.Parts.Add(PartStatuses.Trust(trust));
        response.Parts.Add(PartStatuses.Crls(crls, fetches.Last, now));
        if (PartStatuses.FaceReaders([.. faceReaders.All.Select(station => station.Broadcast.State)], snapshot) is { } faceReaderPart)
        {
            response.Parts.Add(faceReaderPart);
        }

        response.State = PartStatuses.Worst(response.Parts);
        return response;
    }

    private async Task<(PartStatus Part, ReaderSnapshot? Snapshot)> PcscAsync(CancellationToken callEnded)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(callEnded);
        bound.CancelAfter(PcscBound);
        try
        {
            var snapshot = await hub.GetFreshSnapshotAsync(bound.Token).ConfigureAwait(false);
            return (PartStatuses.Pcsc(api.Name, snapshot, hub.UnavailableDetail), snapshot);
        }
        catch (OperationCanceledException) when (!callEnded.IsCancellationRequested)
        {
            return (PartStatuses.Pcsc(api.Name, null, $"no answer within {PcscBound.TotalSeconds:0} s"), null);
        }
    }
}
