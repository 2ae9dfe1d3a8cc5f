using OnshiDevice.TestSupport;

namespace OnshiDevice.HardwareTests.FaceReader;

/// <summary>
/// The patient scenarios of the simulated reader (simulators/README.md "Face-reader scenarios") through the CheckIn
/// stream and every real transport: the service opens the reader's serial port (a socat pty) itself and runs the card
/// calls over the real pcscd's vpcd slot; the desk attends over AttendCheckIns and acts where staff would; a watcher
/// follows over WatchCheckIns. The in-process tier (IntegrationTests' CheckInServiceTests) plays the same scenarios.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class CheckInServiceThroughPcscdTests(PcscdFixture pcscd) : CheckInScenarioTests
{
    protected override async Task<ICheckInRig> StartAsync() => await CheckInServiceThroughPcscdHost.StartAsync(pcscd);

    /// <summary>
    /// vpcd gives pcscd no notice of a card leaving: pcscd sees it at its next status poll, and a card put back before
    /// then meets the state of the one taken off. The patient here puts the card back once pcscd has seen it go.
    /// </summary>
    protected override Task CardTakenOffAsync() => pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot1Reader, present: false);
}
