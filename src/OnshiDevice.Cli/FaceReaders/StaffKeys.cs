using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.FaceReaders;

/// <summary>
/// The words staff type at the desk and the AttendCheckIns command each sends. The words are the same in every
/// language, like command names; what they do is told in the CLI's language (`help`).
/// </summary>
internal static class StaffKeys
{
    private static readonly (string Word, StaffKey Key)[] Words =
    [
        ("cancel", StaffKey.Cancel),
        ("visual", StaffKey.Visual),
        ("confirm", StaffKey.Confirm),
        ("reject", StaffKey.Reject),
        ("number", StaffKey.Number),
        ("help", StaffKey.Help),
    ];

    /// <summary>"cancel, visual, confirm, reject, number, help".</summary>
    public static string List => string.Join(", ", Words.Select(word => word.Word));

    /// <summary>The key a line names (any case, spaces around ignored); null for a line that names none.</summary>
    public static StaffKey? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var typed = line.Trim();
        foreach (var (word, key) in Words)
        {
            if (string.Equals(word, typed, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The command a key sends at once; null for `number` (it asks for 照合番号B first) and `help`.</summary>
    public static AttendCheckInsRequest? Request(StaffKey key) => key switch
    {
        StaffKey.Cancel => new AttendCheckInsRequest { Cancel = new CancelCheckIn() },
        StaffKey.Visual => new AttendCheckInsRequest { SwitchToVisualCheck = new SwitchToVisualCheck() },
        StaffKey.Confirm => new AttendCheckInsRequest { ConfirmIdentity = new ConfirmIdentity() },
        StaffKey.Reject => new AttendCheckInsRequest { RejectIdentity = new RejectIdentity() },
        _ => null,
    };

    /// <summary>What `help` prints: a heading, then each word with what it does.</summary>
    public static IEnumerable<string> Help()
    {
        yield return CheckIns.KeysHeading;
        var width = Words.Max(word => word.Word.Length);
        foreach (var (word, key) in Words)
        {
            yield return $"  {word.PadRight(width)}  {Meaning(key)}";
        }
    }

    private static string Meaning(StaffKey key) => key switch
    {
        StaffKey.Cancel => CheckIns.KeyCancel,
        StaffKey.Visual => CheckIns.KeyVisual,
        StaffKey.Confirm => CheckIns.KeyConfirm,
        StaffKey.Reject => CheckIns.KeyReject,
        StaffKey.Number => CheckIns.KeyNumber,
        _ => CheckIns.KeyHelp,
    };
}
