using OnshiDevice.Cli;

namespace OnshiDevice.IntegrationTests;

/// <summary>The language `onshi` speaks (src/OnshiDevice.Cli/Resources/README.md): --lang, $ONSHI_LANG, then the locale.</summary>
public sealed class CliLanguageTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(new string[0], new[] { "LANG", "ja_JP.UTF-8" }, "ja")]
    [InlineData(new string[0], new[] { "LC_ALL", "ja_JP.UTF-8", "LANG", "en_US.UTF-8" }, "ja")]
    [InlineData(new string[0], new[] { "LC_ALL", "C", "LANG", "ja_JP.UTF-8" }, "en")]
    [InlineData(new string[0], new[] { "LC_MESSAGES", "ja", "LANG", "en_US.UTF-8" }, "ja")]
    [InlineData(new string[0], new[] { "ONSHI_LANG", "en", "LANG", "ja_JP.UTF-8" }, "en")]
    [InlineData(new[] { "--lang", "ja" }, new[] { "ONSHI_LANG", "en" }, "ja")]
    [InlineData(new[] { "--lang=EN" }, new[] { "LANG", "ja_JP.UTF-8" }, "en")]
    [InlineData(new[] { "--", "--lang", "ja" }, new string[0], "en")]
    [InlineData(new string[0], new[] { "LANG", "japanese" }, "en")]
    [InlineData(new string[0], new string[0], "en")]
    public void The_language_comes_from_the_switch_then_the_variable_then_the_locale(string[] args, string[] environment, string expected)
    {
        var variables = Pairs(environment);

        var culture = CliLanguage.Resolve(args, name => variables.GetValueOrDefault(name));

        Assert.Equal(expected == "ja" ? CliLanguage.Japanese : CliLanguage.English, culture);
    }

    [Fact]
    public async Task The_help_is_japanese_under_a_japanese_locale_and_english_otherwise()
    {
        var japanese = await InProcessCli.RunAsync(_host, new CliOptions { Environment = Pairs(["LANG", "ja_JP.UTF-8"]) }, "--help");
        var english = await InProcessCli.RunAsync(_host, new CliOptions(), "--help");

        Assert.Equal(0, japanese.ExitCode);
        Assert.Contains("使うカードリーダー", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("使用法:", japanese.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("The reader to use", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("The reader to use", english.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_language_is_a_usage_error_in_the_locales_language()
    {
        var result = await InProcessCli.RunAsync(_host, new CliOptions { Environment = Pairs(["LANG", "ja_JP.UTF-8"]) }, "--lang", "fr", "readers");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("--lang には ja または en を指定してください", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_at_once_keep_their_own_language()
    {
        var runs = Enumerable.Range(0, 8).Select(index => InProcessCli.RunAsync(_host, new CliOptions(), "--lang", index % 2 == 0 ? "ja" : "en", "--help")).ToArray();

        var results = await Task.WhenAll(runs);

        for (var index = 0; index < results.Length; index++)
        {
            Assert.Equal(index % 2 == 0, results[index].Output.Contains("使うカードリーダー", StringComparison.Ordinal));
        }
    }

    private static Dictionary<string, string> Pairs(string[] flat) =>
        Enumerable.Range(0, flat.Length / 2).ToDictionary(index => flat[2 * index], index => flat[(2 * index) + 1], StringComparer.Ordinal);
}
