namespace OnshiDevice.IntegrationTests.Startup;

/// <summary>The shell commands of a README section, as a reader copies them: code blocks, continuation lines joined, comments dropped.</summary>
internal static class ReadmeShell
{
    public static IReadOnlyList<string> Commands(string heading)
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryFolder.Root, "README.md"));
        var start = Array.FindIndex(readme, line => line == heading);
        Assert.True(start >= 0, $"README.md has no section \"{heading}\"");
        var end = Array.FindIndex(readme, start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
        var commands = new List<string>();
        var inBlock = false;
        var pending = string.Empty;
        foreach (var line in readme[(start + 1)..(end < 0 ? readme.Length : end)])
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            var text = line.Split(" #", 2)[0].TrimEnd();
            if (text.EndsWith('\\'))
            {
                pending += text[..^1] + " ";
                continue;
            }

            commands.Add((pending + text).Trim());
            pending = string.Empty;
        }

        return commands;
    }

    /// <summary>The words after `--` of a `dotnet run --project PROJECT -- ...` command.</summary>
    public static string[] ProgramArguments(string command) =>
        command.Split(" -- ", 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The NAME=VALUE pairs of an `export` command, with $PWD as <paramref name="workingDirectory"/>.</summary>
    public static Dictionary<string, string?> Exports(string command, string workingDirectory)
    {
        Assert.StartsWith("export ", command, StringComparison.Ordinal);
        return command["export ".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => (string?)pair[1].Replace("$PWD", workingDirectory, StringComparison.Ordinal), StringComparer.Ordinal);
    }
}
