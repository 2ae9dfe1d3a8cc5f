using System.Text.RegularExpressions;

namespace OnshiDevice.TestSupport.Docs;

/// <summary>Every ```sh block of the repository's documents, with the way each is tested.</summary>
public static partial class DocumentedBlocks
{
    /// <summary>The blocks of every Markdown file of the repository; a block without its docs-test line is returned with the error.</summary>
    public static IReadOnlyList<DocumentedBlock> All() => [.. RepositoryDocuments.All().SelectMany(document => Parse(document, File.ReadAllLines(Path.Combine(RepositoryFolder.Root, document))))];

    /// <summary>
    /// The blocks to run: blocks of one document with the same <c>group=NAME</c> are one run (a recipe told in steps,
    /// whose files and exported variables carry from one block to the next), named by its first block.
    /// </summary>
    public static IReadOnlyList<DocumentedBlock> Runs(DocumentedBlockKind kind)
    {
        var runs = new List<DocumentedBlock>();
        foreach (var block in All().Where(block => block.Kind == kind))
        {
            var group = block.Options.GetValueOrDefault("group");
            var index = group is null ? -1 : runs.FindIndex(run => run.Document == block.Document && run.Options.GetValueOrDefault("group") == group);
            if (index < 0)
            {
                runs.Add(block);
                continue;
            }

            var options = new Dictionary<string, string>(runs[index].Options, StringComparer.Ordinal);
            foreach (var (name, value) in block.Options)
            {
                options.TryAdd(name, value);
            }

            runs[index] = runs[index] with { Commands = [.. runs[index].Commands, .. block.Commands], Options = options };
        }

        return runs;
    }

    /// <summary>The blocks of one document's text; throws <see cref="FormatException"/> naming the line when a block has no or a bad docs-test line.</summary>
    public static IEnumerable<DocumentedBlock> Parse(string document, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        for (var index = 0; index < lines.Count; index++)
        {
            var fence = lines[index].Trim();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var language = fence[3..].Trim();
            var end = index + 1;
            while (end < lines.Count && !lines[end].Trim().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            if (language is "sh" or "bash" or "shell")
            {
                var declaration = index > 0 ? DeclarationPattern().Match(lines[index - 1].Trim()) : Match.Empty;
                if (!declaration.Success)
                {
                    throw new FormatException($"{document}:{index + 1}: a ```{language} block needs a <!-- docs-test: KIND --> line before it (docs/CONTRIBUTING-DOCS.md)");
                }

                yield return new DocumentedBlock(document, index + 1, ParseKind(document, index, declaration.Groups["kind"].Value), Commands(lines, index + 1, end), Options(declaration.Groups["options"].Value));
            }

            index = end;
        }
    }

    private static DocumentedBlockKind ParseKind(string document, int index, string kind) => kind switch
    {
        "simulated" => DocumentedBlockKind.Simulated,
        "pcscd" => DocumentedBlockKind.Pcscd,
        "ci" => DocumentedBlockKind.Ci,
        "system" => DocumentedBlockKind.System,
        "benchmark" => DocumentedBlockKind.Benchmark,
        _ => throw new FormatException($"{document}:{index}: unknown docs-test kind \"{kind}\""),
    };

    /// <summary>The block's command lines, a line ending in a backslash joined with the next.</summary>
    private static List<string> Commands(IReadOnlyList<string> lines, int start, int end)
    {
        var commands = new List<string>();
        var pending = string.Empty;
        for (var index = start; index < end; index++)
        {
            var line = lines[index];
            if (line.TrimEnd().EndsWith('\\'))
            {
                pending += line.TrimEnd()[..^1].TrimEnd() + " ";
                continue;
            }

            var command = (pending + line.Trim()).Trim();
            pending = string.Empty;
            if (command.Length > 0 && !command.StartsWith('#'))
            {
                commands.Add(command);
            }
        }

        return commands;
    }

    private static Dictionary<string, string> Options(string text)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match option in OptionPattern().Matches(text))
        {
            options[option.Groups["name"].Value] = option.Groups["value"].Value;
        }

        return options;
    }

    [GeneratedRegex(@"^<!--\s*docs-test:\s*(?<kind>[a-z]+)(?<options>(\s+[a-z-]+=\S+)*)\s*-->$")]
    private static partial Regex DeclarationPattern();

    [GeneratedRegex(@"(?<name>[a-z-]+)=(?<value>\S+)")]
    private static partial Regex OptionPattern();
}
