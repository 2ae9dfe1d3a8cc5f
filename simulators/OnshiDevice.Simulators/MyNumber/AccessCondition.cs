namespace OnshiDevice.Simulators.MyNumber;

/// <summary>Which verified credential an EF needs.</summary>
internal enum AccessCondition
{
    Always,
    AuthPin,
    SigningPassword,

    /// <summary>Never met on this simulator: the EF exists but holds data the simulator does not expose.</summary>
    Never,
}
