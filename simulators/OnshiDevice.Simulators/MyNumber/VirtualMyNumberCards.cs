namespace OnshiDevice.Simulators.MyNumber;

// SHAPE ONLY: the simulator helper replaces the bodies.
/// <summary>The ready-made test cards, issued from one deterministic test JPKI hierarchy.</summary>
public static class VirtualMyNumberCards
{
    public const string AuthPin = "1234";
    public const string SigningPassword = "ABC123";

    public static VirtualMyNumberCard Standard() => throw new NotImplementedException();

    public static VirtualMyNumberCard Expired() => throw new NotImplementedException();

    public static VirtualMyNumberCard AuthPinBlocked() => throw new NotImplementedException();

    /// <summary>One auth-PIN try and one signing-password try left.</summary>
    public static VirtualMyNumberCard OneTryFromBlocking() => throw new NotImplementedException();
}
