using OnshiDevice.Cards.Pins;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>What staff ask of a reader's check-in from reception software (<see cref="CheckInFlow.Post"/>).</summary>
public abstract record StaffCommand
{
    private protected StaffCommand()
    {
    }

    /// <summary>Wipes the secret the command carries, if any; the flow does so once it is used or dropped.</summary>
    internal virtual void DisposeSecret()
    {
    }
}

/// <summary>Ends the check-in in progress.</summary>
public sealed record CancelCheckIn : StaffCommand;

/// <summary>Switches the check-in in progress to a staff visual check (any time after the card is identified, until the patient passes).</summary>
public sealed record SwitchToVisualCheck : StaffCommand;

/// <summary>Visual check: the patient is the person on the card.</summary>
public sealed record ConfirmIdentity : StaffCommand;

/// <summary>Visual check: the patient is not the person on the card.</summary>
public sealed record RejectIdentity : StaffCommand;

/// <summary>照合番号B as staff typed it from the card face; the flow owns <paramref name="Number"/> from here and disposes it.</summary>
public sealed record EnterCardFaceNumber(SecretEntry Number) : StaffCommand
{
    internal override void DisposeSecret() => Number.Dispose();
}
