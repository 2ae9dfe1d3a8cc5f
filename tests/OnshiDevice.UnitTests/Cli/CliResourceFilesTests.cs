using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OnshiDevice.UnitTests.Cli;

/// <summary>
/// The CLI's texts (src/OnshiDevice.Cli/Resources/README.md): every English text has a Japanese one
/// with the same placeholders, so no message falls back to English or loses a value in Japanese.
/// </summary>
public sealed partial class CliResourceFilesTests
{
    private static readonly string Folder = Path.Combine(RepositoryFiles.Root, "src", "OnshiDevice.Cli", "Resources");

    public static TheoryData<string> NeutralFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.resx").Where(path => !path.EndsWith(".ja.resx", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void There_are_resource_files() => Assert.NotEmpty(NeutralFiles());

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void Every_text_has_a_japanese_translation_with_the_same_placeholders(string neutralFile)
    {
        var english = Read(Path.Combine(Folder, neutralFile));
        var japanesePath = Path.Combine(Folder, Path.GetFileNameWithoutExtension(neutralFile) + ".ja.resx");
        Assert.True(File.Exists(japanesePath), $"{neutralFile} has no Japanese file beside it");
        var japanese = Read(japanesePath);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), japanese.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(japanese[key])), $"{neutralFile} {key}: the placeholders differ");
            Assert.False(string.IsNullOrWhiteSpace(japanese[key]), $"{neutralFile} {key} is empty in Japanese");
        }
    }

    [Fact]
    public void Placeholders_are_found_with_their_format()
    {
        Assert.Equal(["{0}", "{1:yyyy}"], Placeholders("a {0} b {1:yyyy} {{literal}}").Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(
            data => (string)data.Attribute("name")!,
            data => (string?)data.Element("value") ?? string.Empty,
            StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal))
            .Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
