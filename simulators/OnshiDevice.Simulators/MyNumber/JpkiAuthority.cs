namespace OnshiDevice.Simulators.MyNumber;

/// <summary>The two CAs of the test JPKI hierarchy. Both are roots that issue card certificates directly.</summary>
public enum JpkiAuthority
{
    Authentication,
    Signing,
}
