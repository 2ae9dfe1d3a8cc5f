using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using OnshiDevice.Server;

namespace OnshiDevice.IntegrationTests.Packaging;

/// <summary>
/// The Windows zip of scripts/package (built framework-dependent here: the win-x64 build without the runtime packs'
/// size). No Windows machine runs it: these check what it holds and that every file install-service.ps1 takes from
/// the unpacked zip is there.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed partial class WindowsZipTests(WindowsZipTests.BuiltZip zip) : IClassFixture<WindowsZipTests.BuiltZip>
{
    private static readonly string ProductVersion = HostInformation.Version.Split('+')[0];
    private static readonly string Top = $"onshi-device-{ProductVersion}-win-x64/";

    [Fact]
    public void The_zip_is_named_by_version_and_holds_the_three_windows_programs_with_the_script_settings_and_docs()
    {
        Assert.Equal($"onshi-device-{ProductVersion}-win-x64.zip", Path.GetFileName(zip.File));
        foreach (var program in new[] { "onshi-device", "onshi", "onshi-sim" })
        {
            Assert.Contains($"{Top}programs/{program}.dll", zip.Names);
            Assert.Contains($"{Top}programs/{program}.runtimeconfig.json", zip.Names);

            // A Windows program (a PE file starts with "MZ"), not the Linux apphost.
            Assert.Equal("MZ"u8.ToArray(), zip.Read($"{Top}programs/{program}.exe")[..2]);
        }

        Assert.Contains($"{Top}install-service.ps1", zip.Names);
        Assert.Contains($"{Top}docs/OPERATIONS.md", zip.Names);
        Assert.Contains($"{Top}programs/appsettings.json", zip.Names);
    }

    [Fact]
    public void The_package_note_says_framework_dependent_as_the_programs_runtime_configuration_does()
    {
        Assert.Contains("framework-dependent", System.Text.Encoding.UTF8.GetString(zip.Read($"{Top}PACKAGE.txt")), StringComparison.Ordinal);
        using var runtimeConfig = JsonDocument.Parse(zip.Read($"{Top}programs/onshi-device.runtimeconfig.json"));
        var frameworks = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("frameworks").EnumerateArray()
            .Select(framework => framework.GetProperty("name").GetString());
        Assert.Contains("Microsoft.AspNetCore.App", frameworks);
    }

    [Theory]
    [InlineData("onshi-device.dll")]
    [InlineData("onshi.dll")]
    [InlineData("onshi-sim.dll")]
    [InlineData("BouncyCastle.Cryptography.dll")]
    public void The_programs_and_their_libraries_come_compiled_ahead_of_time(string assembly)
    {
        // docs/OPERATIONS.md: ReadyToRun. Such an image carries a native header beside its IL; a JIT-only one has none.
        using var image = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(zip.Read($"{Top}programs/{assembly}")));

        Assert.True(image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is not a ReadyToRun image");
    }

    [Fact]
    public void The_clinics_settings_template_is_read_by_the_host_comments_and_all()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(zip.Read($"{Top}config/appsettings.json"))).Build();

        Assert.True(configuration.GetSection("OnshiDevice").Exists() || configuration.AsEnumerable().Any(pair => pair.Key == "OnshiDevice"));
        Assert.Null(configuration["Pki:TrustAnchors:JpkiAuthentication"]);
    }

    [Fact]
    public void Every_file_the_install_script_takes_from_the_unpacked_zip_is_in_it()
    {
        var script = System.Text.Encoding.UTF8.GetString(zip.Read($"{Top}install-service.ps1"));
        var service = ServiceExe().Match(script);
        Assert.True(service.Success, "install-service.ps1 names no $ServiceExe");
        Assert.Equal("onshi-device.exe", service.Groups["exe"].Value);
        Assert.Contains($"{Top}programs/{service.Groups["exe"].Value}", zip.Names);

        var taken = FromScriptFolder().Matches(script).Select(match => match.Groups["first"].Value + (match.Groups["second"].Success ? "/" + match.Groups["second"].Value : "")).ToList();
        Assert.Contains("programs", taken);
        Assert.Contains("config/appsettings.json", taken);
        foreach (var path in taken)
        {
            var entry = Top + (path.EndsWith("/*", StringComparison.Ordinal) ? path[..^1] : path);
            Assert.True(zip.Names.Any(name => name == entry || name.StartsWith(entry + "/", StringComparison.Ordinal) || name.StartsWith(entry, StringComparison.Ordinal) && entry.EndsWith('/')),
                $"install-service.ps1 takes {path} from the unpacked zip, which has no {entry}");
        }

        // The service's account, the folders and the uninstall path the docs promise.
        Assert.Contains(@"NT AUTHORITY\LocalService", script, StringComparison.Ordinal);
        Assert.Contains("Join-Path $env:ProgramData 'OnshiDevice'", script, StringComparison.Ordinal);
        Assert.Contains("[switch] $Uninstall", script, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$ServiceExe = '(?<exe>[^']+)'")]
    private static partial Regex ServiceExe();

    // Join-Path $PSScriptRoot 'a'  and  Join-Path (Join-Path $PSScriptRoot 'a') 'b'
    [GeneratedRegex(@"Join-Path (?:\(Join-Path \$PSScriptRoot '(?<first>[^']+)'\) '(?<second>[^']+)'|\$PSScriptRoot '(?<first>[^']+)')")]
    private static partial Regex FromScriptFolder();

    /// <summary>The zip, built once for the class: scripts/package --framework-dependent zip.</summary>
    public sealed class BuiltZip : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("onshi-zip-").FullName;

        public string File { get; private set; } = "";

        public IReadOnlyList<string> Names { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var build = await ProgramRun.ToExitAsync(
                new ProgramLaunch("bash", [Path.Combine(RepositoryFolder.Root, "scripts", "package"), "--framework-dependent", "--out", _folder, "zip"]),
                limit: TimeSpan.FromMinutes(8));
            Assert.True(build.ExitCode == 0, build.ToString());
            File = Assert.Single(Directory.GetFiles(_folder, "*.zip"));
            using var archive = ZipFile.OpenRead(File);
            Names = [.. archive.Entries.Select(entry => entry.FullName)];
        }

        public byte[] Read(string name)
        {
            using var archive = ZipFile.OpenRead(File);
            var entry = archive.GetEntry(name) ?? throw new FileNotFoundException($"{name} is not in {File}");
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_folder, recursive: true);
            return Task.CompletedTask;
        }
    }
}
