namespace OnshiDevice.Cli.Hpki;

/// <summary>What `onshi hpki check` was asked: the reader (or null to search), the roles accepted, and whether the last PIN try may be spent.</summary>
internal sealed record HpkiCheckOptions(string? Reader, IReadOnlyList<string> AllowedRoles, bool AllowLastTry)
{
    /// <summary>Electronic prescriptions are signed by doctors and dentists.</summary>
    public static readonly string[] PrescriberRoles = ["Medical Doctor", "Dentist"];
}
