using System.Text;
using System.Text.RegularExpressions;
using OnshiDevice.TestSupport;
using OnshiDevice.TestSupport.Docs;

namespace OnshiDevice.IntegrationTests.Docs;

/// <summary>
/// Every link in the repository's documents leads somewhere inside the repository (a file that exists, and a heading
/// that exists when the link names one) or is a web address: a reader who cloned the repository never meets a link to
/// someone's machine or to a file that was moved.
/// </summary>
public sealed partial class DocumentLinksTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var document in RepositoryDocuments.All())
        {
            data.Add(document);
        }

        return data;
    }

    [Fact]
    public void The_documents_are_found() =>
        Assert.Contains(Path.Combine("docs", "CLIENTS.md"), RepositoryDocuments.All());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_link_resolves_inside_the_repository(string document)
    {
        var path = Path.Combine(RepositoryFolder.Root, document);
        var broken = new List<string>();
        foreach (Match link in LinkPattern().Matches(File.ReadAllText(path)))
        {
            var target = link.Groups["target"].Value;
            if (Problem(path, target) is { } problem)
            {
                broken.Add($"({target}): {problem}");
            }
        }

        Assert.True(broken.Count == 0, $"{document}:\n{string.Join('\n', broken)}");
    }

    [Theory]
    [InlineData("README.md", null)]
    [InlineData("docs/ERRORS.md#health", null)]
    [InlineData("README.md#listeners", null)]
    [InlineData("docs/ERRORS.md#no-such-heading", "no heading")]
    [InlineData("docs/NOWHERE.md", "no such file")]
    [InlineData("../shared/DESIGN.md", "outside the repository")]
    [InlineData("/etc/passwd", "not a relative link")]
    [InlineData("file:///home/someone/notes.md", "not a relative link")]
    [InlineData("https://example.org/", null)]
    public void The_check_itself_finds_each_kind_of_broken_link(string target, string? expected)
    {
        var problem = Problem(Path.Combine(RepositoryFolder.Root, "README.md"), target);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    private static string? Problem(string document, string target)
    {
        if (target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
        {
            return null;
        }

        if (target.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(target) || target.StartsWith('~'))
        {
            return "not a relative link";
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = file.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(file)));
        var root = RepositoryFolder.Root + Path.DirectorySeparatorChar;
        if (!resolved.StartsWith(root, StringComparison.Ordinal) && resolved != RepositoryFolder.Root)
        {
            return "outside the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file";
        }

        if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Headings(resolved).Contains(anchor))
        {
            return $"no heading #{anchor} in {Path.GetFileName(resolved)}";
        }

        return null;
    }

    /// <summary>The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> Headings(string document)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in File.ReadLines(document))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }

            if (inCode || !line.StartsWith('#'))
            {
                continue;
            }

            var text = line.TrimStart('#').Trim();
            var slug = new StringBuilder();
            foreach (var character in text.ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(character) || character is '-' or '_')
                {
                    slug.Append(character);
                }
                else if (character == ' ')
                {
                    slug.Append('-');
                }
            }

            var anchor = slug.ToString();
            var unique = anchor;
            for (var repeat = 1; !anchors.Add(unique); repeat++)
            {
                unique = $"{anchor}-{repeat}";
            }
        }

        return anchors;
    }

    // [text](target) outside inline code; images too. Targets with spaces are not used in these documents.
    [GeneratedRegex(@"(?<!`)\[[^\]\n]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();
}
