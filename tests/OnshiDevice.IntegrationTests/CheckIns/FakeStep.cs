using OnshiDevice.Contracts.V1;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>One step of <see cref="FakeCheckInService"/>'s script.</summary>
internal abstract record FakeStep
{
    private FakeStep()
    {
    }

    /// <summary>Sends the event.</summary>
    public sealed record Emit(CheckInEvent Event) : FakeStep;

    /// <summary>Waits until this many staff commands (after `start`) have come.</summary>
    public sealed record AwaitCommands(int Count) : FakeStep;

    /// <summary>Runs a check while the stream is open (e.g. that the photo file is there).</summary>
    public sealed record Run(Func<CancellationToken, Task> Action) : FakeStep;

    /// <summary>Keeps the stream open until the caller ends it.</summary>
    public sealed record Hold : FakeStep;
}
