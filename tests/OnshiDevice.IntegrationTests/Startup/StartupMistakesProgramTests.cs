namespace OnshiDevice.IntegrationTests.Startup;

/// <summary>
/// Every bad argument or setting of onshi-device, against the built program: one line on stderr naming it, exit 1,
/// no stack trace on either stream, nothing bound.
/// </summary>
public sealed class StartupMistakesProgramTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-mistakes-").FullName;

    private string SocketPath => Path.Combine(_folder, "run", "onshi-device.sock");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string[], string, string, string> Mistakes => new()
    {
        { ["--bogus"], "", "", "unknown switch \"--bogus\"; onshi-device --help lists the switches and settings." },
        { ["--simulat"], "", "", "unknown switch \"--simulat\"" },
        { ["serve"], "", "", "unexpected argument \"serve\"" },
        { ["--simulate", "--simulate-card"], "", "", "--simulate-card needs a card name." },
        { ["--simulate", "--simulate-card", "gold-card"], "", "", "unknown card \"gold-card\"; one of: standard," },
        { ["--simulate-card", "standard"], "", "", "--simulate-card is for --simulate." },
        { ["--OnshiDevice:DefaultCallTimeout"], "", "", "--OnshiDevice:DefaultCallTimeout needs a value" },
        { [], "OnshiDevice__Listeners__Loopback", "127.0.0.1:50151", "OnshiDevice:Listeners:Loopback must look like http://127.0.0.1:50151" },
        { [], "OnshiDevice__Listeners__Loopback", "http://192.0.2.1:50151", "OnshiDevice:Listeners:Loopback" },
        { [], "OnshiDevice__Listeners__SocketMode", "0666", "OnshiDevice:Listeners:SocketMode" },
        { [], "OnshiDevice__Listeners__SocketMode", "rw", "OnshiDevice:Listeners:SocketMode" },
        { [], "OnshiDevice__Listeners__Lan", "not-a-url", "OnshiDevice:Listeners:Lan" },
        { [], "OnshiDevice__DefaultCallTimeout", "abc", "Failed to convert configuration value 'abc' at 'OnshiDevice:DefaultCallTimeout' to type 'System.TimeSpan'." },
        { [], "OnshiDevice__DefaultCallTimeout", "-00:00:01", "OnshiDevice:DefaultCallTimeout must be positive." },
        { [], "OnshiDevice__MaxWatchStreams", "lots", "Failed to convert configuration value 'lots' at 'OnshiDevice:MaxWatchStreams' to type 'System.Int32'." },
        { [], "Pki__Crls", "no-such-crls", "Pki:Crls names the folder " },
        { [], "Pki__Intermediates", "/no/such/intermediates", "Pki:Intermediates names the folder /no/such/intermediates, which does not exist" },
        { [], "Pki__TrustAnchors__HpkiSigning", "no-such-anchors", "Pki:TrustAnchors:HpkiSigning names the folder " },
        { [], "Pki__TrustAnchors", "anchors", "Pki:TrustAnchors names one folder per purpose" },
        { [], "Pki__CrlRefreshInterval", "soon", "Failed to convert configuration value 'soon' at 'Pki:CrlRefreshInterval'" },
        { [], "Pki__MaxCrlFileBytes", "0", "Pki:MaxCrlFileBytes must be positive." },
        { ["--Pki:CrlRefreshInterval=00:00:00"], "", "", "Pki:CrlRefreshInterval must be positive." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_bad_argument_or_setting_is_one_line_and_exit_1(string[] arguments, string variable, string value, string expected)
    {
        var environment = new Dictionary<string, string?> { ["OnshiDevice__Listeners__Socket"] = SocketPath };
        if (variable.Length > 0)
        {
            environment[variable] = value;
        }

        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch(arguments) with { Environment = environment, WorkingDirectory = _folder });

        AssertOneLine(result, expected);
    }

    [Theory]
    [InlineData("{ \"OnshiDevice\": { \"DefaultCallTimeout\": ", "line 1")]
    [InlineData("not json at all", "line 1, position ")]
    [InlineData("{ \"Pki\": { \"Crls\": \"a\" }\n  \"OnshiDevice\": {} }", "line 2")]
    public async Task An_unreadable_configuration_file_is_one_line_naming_the_file_and_the_place(string json, string place)
    {
        var configuration = Path.Combine(_folder, "etc");
        Directory.CreateDirectory(configuration);
        var file = Path.Combine(configuration, "appsettings.json");
        await File.WriteAllTextAsync(file, json);

        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch() with
        {
            Environment = new Dictionary<string, string?> { [IsolatedConfiguration.Variable] = configuration, ["OnshiDevice__Listeners__Socket"] = SocketPath },
        });

        AssertOneLine(result, $"the configuration file {file} is not valid JSON ({place}");
    }

    [Fact]
    public async Task A_relative_folder_in_the_configuration_file_is_taken_from_that_files_folder()
    {
        var configuration = Path.Combine(_folder, "etc");
        Directory.CreateDirectory(configuration);
        await File.WriteAllTextAsync(Path.Combine(configuration, "appsettings.json"), "{ \"Pki\": { \"Crls\": \"crls\" } }");

        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch() with
        {
            Environment = new Dictionary<string, string?> { [IsolatedConfiguration.Variable] = configuration, ["OnshiDevice__Listeners__Socket"] = SocketPath },
            WorkingDirectory = _folder,
        });

        AssertOneLine(result, $"Pki:Crls names the folder {Path.Combine(configuration, "crls")}, which does not exist (a relative path is taken from the folder of {Path.Combine(configuration, "appsettings.json")}).");
    }

    private void AssertOneLine(ProgramResult result, string expected)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"onshi-device: {expected}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(SocketPath), "nothing may be bound");
    }
}
