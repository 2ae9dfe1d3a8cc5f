using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace OnshiDevice.TestSupport.Docs;

/// <summary>
/// Runs a documented block as a user would type it, in a sandbox folder of its own: `onshi`, `onshi-device`,
/// `onshi-sim` and the samples are the built programs on PATH (`dotnet run --project X --` means the same program),
/// the service's socket and loopback port are the sandbox's own, and a service, `watch` or `vpcd` the block starts
/// runs in the background until the block's last command is done. A block that starts no service gets one under
/// --simulate first. The run fails on the first command that fails.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static partial class DocumentedBlockRunner
{
    private static readonly (string Project, string Program, string Assembly)[] Programs =
    [
        ("src/OnshiDevice.Server", "onshi-device", BuiltProgram.Service.AssemblyPath),
        ("src/OnshiDevice.Cli", "onshi", BuiltProgram.Cli.AssemblyPath),
        ("simulators/OnshiDevice.Simulators.Host", "onshi-sim", new BuiltProgram(Path.Combine("simulators", "OnshiDevice.Simulators.Host"), "onshi-sim.dll").AssemblyPath),
        ("examples/csharp/ReceptionClient", "reception-client", new BuiltProgram(Path.Combine("examples", "csharp", "ReceptionClient"), "reception-client.dll").AssemblyPath),
    ];

    public static async Task<ProgramResult> RunAsync(DocumentedBlock block, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        var sandbox = Directory.CreateTempSubdirectory("onshi-docs-").FullName;
        try
        {
            // The repository's folders, so a command naming scripts/ or examples/ finds them; what it writes stays here.
            foreach (var entry in Directory.GetFileSystemEntries(RepositoryFolder.Root).Where(entry => !Path.GetFileName(entry).StartsWith('.')))
            {
                File.CreateSymbolicLink(Path.Combine(sandbox, Path.GetFileName(entry)), entry);
            }

            var script = Path.Combine(sandbox, ".block.sh");
            await File.WriteAllTextAsync(script, Script(block, sandbox, FreeLoopbackPort()));
            await using var run = RunningProgram.Start(new ProgramLaunch("bash", [script]));
            try
            {
                var exitCode = await run.WaitForExitAsync(limit ?? TimeSpan.FromMinutes(3));
                return new ProgramResult(exitCode, run.Output, string.Empty);
            }
            catch (TimeoutException)
            {
                return new ProgramResult(-1, run.Output, $"the block did not end within {limit ?? TimeSpan.FromMinutes(3)}");
            }
        }
        finally
        {
            // The links first, on their own: the repository behind them is not the sandbox's to delete.
            foreach (var link in new DirectoryInfo(sandbox).EnumerateFileSystemInfos().Where(entry => entry.LinkTarget is not null))
            {
                link.Delete();
            }

            Directory.Delete(sandbox, recursive: true);
        }
    }

    /// <summary>The bash script the block becomes (public for the runner's own tests).</summary>
    public static string Script(DocumentedBlock block, string sandbox, int loopbackPort)
    {
        ArgumentNullException.ThrowIfNull(block);
        var bin = Path.Combine(sandbox, ".bin");
        Directory.CreateDirectory(bin);
        foreach (var (_, program, assembly) in Programs)
        {
            var wrapper = Path.Combine(bin, program);
            File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{assembly}' \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var socket = Path.Combine(sandbox, ".run", "onshi-device", "onshi-device.sock");
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $$"""
            set -eo pipefail
            cd '{{sandbox}}'
            exec 2>&1
            export PATH='{{bin}}':"$PATH" HOME='{{sandbox}}' XDG_RUNTIME_DIR='{{Path.Combine(sandbox, ".run")}}'
            export OnshiDevice__Listeners__Socket='{{socket}}' ONSHI_ADDRESS='unix:{{socket}}'
            export OnshiDevice__Listeners__Loopback=http://127.0.0.1:{{loopbackPort}} OnshiDevice__ClinicCa__Folder='{{Path.Combine(sandbox, "clinic-ca")}}'
            background=()
            # Background jobs ignore SIGINT in a script: stop them as systemd would (SIGTERM), then for good after 15 s.
            stop_background() {
                for job in "${background[@]}"; do pkill -TERM -P "$job" 2>/dev/null || true; kill -TERM "$job" 2>/dev/null || true; done
                for _ in $(seq 150); do
                    running=0
                    for job in "${background[@]}"; do if kill -0 "$job" 2>/dev/null; then running=1; fi; done
                    [ "$running" = 0 ] && return 0
                    sleep 0.1
                done
                for job in "${background[@]}"; do pkill -KILL -P "$job" 2>/dev/null || true; kill -KILL "$job" 2>/dev/null || true; done
            }
            trap stop_background EXIT
            # Waits until LOG has a line with TEXT (or any line, for TEXT ''), failing when job PID ends first.
            wait_for() {
                for _ in $(seq 600); do
                    if { [ -z "$1" ] && [ -s "$2" ]; } || { [ -n "$1" ] && grep -q -- "$1" "$2"; }; then return 0; fi
                    kill -0 "$3" 2>/dev/null || { echo "ended before it was ready:"; cat "$2"; return 1; }
                    sleep 0.1
                done
                echo "not ready within 60 s:"; cat "$2"; return 1
            }

            """);
        foreach (var (name, value) in Pairs(block, "env"))
        {
            script.Append(CultureInfo.InvariantCulture, $"export {name}='{value}'\n");
        }

        foreach (var file in Pairs(block, "files"))
        {
            script.Append(CultureInfo.InvariantCulture, $"printf '%s\\n' '{file.Value}' > '{file.Name}'; chmod 600 '{file.Name}'\n");
        }

        var commands = block.Commands.Select(command => Translate(command, loopbackPort)).ToList();
        if (!commands.Any(StartsService))
        {
            var card = block.Options.TryGetValue("card", out var name) ? $" --simulate-card {name}" : string.Empty;
            commands.Insert(0, $"onshi-device --simulate{card}");
        }

        var stdin = block.Options.TryGetValue("stdin", out var input) ? $" < <(printf '%s\\n' '{input}')" : " < /dev/null";
        for (var index = 0; index < commands.Count; index++)
        {
            var command = commands[index];
            script.Append(CultureInfo.InvariantCulture, $"echo '$ {command.Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
            if (LongRunning(command) is { } ready)
            {
                // Its own line in a group: a trailing "# comment" cannot swallow the redirection.
                script.Append(CultureInfo.InvariantCulture, $"{{\n{command}\n}} > .job{index}.log 2>&1 < /dev/null &\nbackground+=($!)\nwait_for '{ready}' .job{index}.log $!\n");
            }
            else
            {
                script.Append(CultureInfo.InvariantCulture, $"{{\n{command}\n}}{stdin}\n");
            }
        }

        return script.ToString();
    }

    /// <summary>`dotnet run [-c Release] --project P [-- ARGS]` is the program P builds; the documented loopback port is the sandbox's.</summary>
    public static string Translate(string command, int loopbackPort)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var (project, program, _) in Programs)
        {
            command = Regex.Replace(command, $@"dotnet run (-c Release )?--project {Regex.Escape(project)}( --(?= |$))?", program, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return command.Replace("127.0.0.1:50151", $"127.0.0.1:{loopbackPort}", StringComparison.Ordinal);
    }

    private static bool StartsService(string command) => LongRunning(command) == "listening on";

    /// <summary>The text that says a long-running command is ready ('' = its first line), or null when the command ends by itself.</summary>
    private static string? LongRunning(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.TakeWhile(word => word.Contains('=', StringComparison.Ordinal)).Count();
        if (start >= words.Length)
        {
            return null;
        }

        var arguments = words.Skip(start + 1).TakeWhile(word => !word.StartsWith('#')).ToArray();
        return words[start] switch
        {
            // The service itself, not one of its commands (ca, client, crl): its first argument is a switch, or there is none.
            "onshi-device" when (arguments.Length == 0 || arguments[0].StartsWith("--", StringComparison.Ordinal)) && !arguments.Any(argument => argument is "--help" or "--version") => "listening on",
            "onshi" when arguments.Contains("watch") => string.Empty,
            "onshi-sim" when arguments.FirstOrDefault() == "vpcd" => string.Empty,
            _ => null,
        };
    }

    /// <summary>An option of NAME:VALUE pairs separated by commas (files=pin.txt:1234, env=ONSHI_CA_PASSPHRASE:secret).</summary>
    private static IEnumerable<(string Name, string Value)> Pairs(DocumentedBlock block, string option) =>
        block.Options.TryGetValue(option, out var pairs)
            ? pairs.Split(',').Select(pair => pair.Split(':', 2)).Select(parts => (parts[0], parts.Length > 1 ? parts[1] : string.Empty))
            : [];

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
