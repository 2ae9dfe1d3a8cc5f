using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>One item of a flow's single input: a reader event or a staff command, so one loop sees both in order.</summary>
internal sealed record FlowInput(FaceReaderEvent? ReaderEvent, StaffCommand? Staff)
{
    public static FlowInput From(FaceReaderEvent readerEvent) => new(readerEvent, null);

    public static FlowInput From(StaffCommand command) => new(null, command);

    public bool AsksForVisualCheck => Staff is SwitchToVisualCheck || ReaderEvent is StaffActed { Action: StaffAction.SwitchToVisualCheck };

    public bool ConfirmsIdentity => Staff is ConfirmIdentity || ReaderEvent is StaffActed { Action: StaffAction.ConfirmIdentity };

    public bool RejectsIdentity => Staff is RejectIdentity || ReaderEvent is StaffActed { Action: StaffAction.RejectIdentity };

    /// <summary>Wipes the secret this input carries, when whoever holds it drops it unused.</summary>
    public void DisposeSecret()
    {
        switch (ReaderEvent)
        {
            case PinEntered entered:
                entered.Pin.Dispose();
                break;
            case CardFaceNumberRead read:
                read.Number.Dispose();
                break;
        }

        Staff?.DisposeSecret();
    }
}
