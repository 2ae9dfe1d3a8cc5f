using System.Diagnostics;

namespace OnshiDevice.TestSupport;

/// <summary>
/// How a test starts a program: the file, its arguments, the environment it adds (a null value removes a variable)
/// and, optionally, the setpriv options that run it as another user. Every program gets an empty configuration
/// folder (<see cref="IsolatedConfiguration"/>) and none of the CA secrets of the test runner's environment.
/// </summary>
public sealed record ProgramLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables the program sees beyond the test runner's own; null removes one.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The folder the program starts in; null keeps the test runner's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>setpriv options (e.g. --reuid=65534 --regid=65534 --clear-groups): the program runs as that user, with no shell in between.</summary>
    public IReadOnlyList<string>? AsUser { get; init; }

    public override string ToString() => $"{Path.GetFileName(FileName)} {string.Join(' ', Arguments)}";

    public ProcessStartInfo ToStartInfo()
    {
        var startInfo = new ProcessStartInfo(AsUser is null ? FileName : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? string.Empty,
        };
        if (AsUser is not null)
        {
            foreach (var option in AsUser)
            {
                startInfo.ArgumentList.Add(option);
            }

            startInfo.ArgumentList.Add(FileName);
        }

        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Secrets of the CA commands come only from what a test passes.
        startInfo.Environment.Remove("ONSHI_CA_PASSPHRASE");
        startInfo.Environment.Remove("ONSHI_P12_PASSWORD");
        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        IsolatedConfiguration.Apply(startInfo);
        return startInfo;
    }
}
