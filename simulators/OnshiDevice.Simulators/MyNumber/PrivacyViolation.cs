namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// One access to a My Number card that the product must never make (DESIGN: nothing reads the 個人番号 or the
/// basic four facts): what was touched and the command APDU that did it, in hex.
/// </summary>
public sealed record PrivacyViolation(string What, string CommandApdu)
{
    public override string ToString() => $"{What} (command {CommandApdu})";
}
