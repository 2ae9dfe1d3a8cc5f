namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// What `onshi hpki check` was asked: the reader (or null to search), the roles accepted, whether the last PIN
/// try may be spent, and whether the output is for machines (times in ISO 8601) or people (local time and zone).
/// </summary>
internal sealed record HpkiCheckOptions(string? Reader, IReadOnlyList<string> AllowedRoles, bool AllowLastTry, bool ForMachines, string PinPrompt)
{
    /// <summary>Electronic prescriptions are signed by doctors and dentists.</summary>
    public static readonly string[] PrescriberRoles = ["Medical Doctor", "Dentist"];

    /// <summary>At this many tries left or fewer the PIN item is a warning, not a pass: the one place the threshold is set.</summary>
    public const int FewTriesLeft = 3;
}
