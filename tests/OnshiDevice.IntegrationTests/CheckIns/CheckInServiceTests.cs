using OnshiDevice.TestSupport;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>The patient scenarios through the CheckIn stream in process: the simulated reader on the in-process cable, the card in the PC/SC simulator.</summary>
public sealed class CheckInServiceTests : CheckInScenarioTests
{
    protected override async Task<ICheckInRig> StartAsync() => await CheckInServiceHost.StartAsync();
}
