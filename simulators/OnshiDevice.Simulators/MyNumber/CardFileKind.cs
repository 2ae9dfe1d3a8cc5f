namespace OnshiDevice.Simulators.MyNumber;

internal enum CardFileKind
{
    /// <summary>A transparent EF: READ BINARY works when its access condition is met.</summary>
    Binary,

    /// <summary>A private-key EF: COMPUTE DIGITAL SIGNATURE uses it.</summary>
    Key,

    /// <summary>A PIN EF: VERIFY checks against it.</summary>
    Pin,
}
