using OnshiDevice.Simulators.FaceReader;
using OnshiDevice.Simulators.MyNumber;
using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.TestSupport;

/// <summary>A device service with one face reader configured, its simulated reader and card, as a tier's check-in tests drive it.</summary>
public interface ICheckInRig : IAsyncDisposable
{
    /// <summary>The configured face reader's id.</summary>
    string FaceReader { get; }

    /// <summary>How long any wait of the tier may take.</summary>
    TimeSpan Patience { get; }

    VirtualMyNumberCard Card { get; }

    VirtualFaceReader Reader { get; }

    Contract.CheckIn.CheckInClient Client { get; }

    /// <summary>A desk attending the reader; its first event (the reader's state) already read.</summary>
    Task<CheckInDesk> AttendAsync();

    /// <summary>A read-only watcher of the reader; its first event (the reader's state) already read.</summary>
    Task<Grpc.Core.AsyncServerStreamingCall<Contract.WatchCheckInsResponse>> WatchAsync();

    /// <summary>Plays the patient's (and the cable's) part; a failure names the scenario's log.</summary>
    Task PlayAsync(string scenario);
}
