namespace OnshiDevice.Simulators.MyNumber;

/// <summary>Which verified credential an EF needs.</summary>
internal enum AccessCondition
{
    Always,
    AuthPin,
    SigningPassword,

    /// <summary>照合番号B of the 券面事項確認AP (key 0012).</summary>
    CardFaceNumberB,

    /// <summary>Never met on this simulator: the EF exists but holds data the simulator does not expose.</summary>
    Never,
}
