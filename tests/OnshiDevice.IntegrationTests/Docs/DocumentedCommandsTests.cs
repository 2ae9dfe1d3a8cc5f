using OnshiDevice.TestSupport;
using OnshiDevice.TestSupport.Docs;

namespace OnshiDevice.IntegrationTests.Docs;

/// <summary>
/// Every command block of the README and the docs is run the way a reader would type it (docs/CONTRIBUTING-DOCS.md):
/// the blocks marked "simulated" here, against the service under --simulate; the "pcscd" blocks by the hardware tier.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DocumentedCommandsTests
{
    public static TheoryData<string> SimulatedRuns()
    {
        var data = new TheoryData<string>();
        foreach (var run in DocumentedBlocks.Runs(DocumentedBlockKind.Simulated))
        {
            data.Add(run.ToString());
        }

        return data;
    }

    [Fact]
    public void Every_command_block_says_how_it_is_tested()
    {
        var blocks = DocumentedBlocks.All();

        Assert.Contains(blocks, block => block.Document == "README.md" && block.Kind == DocumentedBlockKind.Simulated);
        Assert.All(blocks, block => Assert.NotEmpty(block.Commands));
    }

    [Theory]
    [MemberData(nameof(SimulatedRuns))]
    public async Task The_documented_commands_work_as_written(string block)
    {
        var run = DocumentedBlocks.Runs(DocumentedBlockKind.Simulated).Single(candidate => candidate.ToString() == block);

        var result = await DocumentedBlockRunner.RunAsync(run);

        Assert.True(result.ExitCode == 0, $"{block}:\n{result}");
    }

    [Fact]
    public void A_block_without_its_declaration_is_refused_with_its_line()
    {
        var failure = Assert.Throws<FormatException>(() => DocumentedBlocks.Parse("X.md", ["text", "```sh", "onshi readers", "```"]).ToList());

        Assert.StartsWith("X.md:2: a ```sh block needs a <!-- docs-test: KIND --> line", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Continued_lines_are_one_command_and_comments_are_not_commands()
    {
        var block = Assert.Single(DocumentedBlocks.Parse("X.md", ["<!-- docs-test: simulated stdin=1234 -->", "```sh", "# a comment", "export A=1 \\", "       B=2", "onshi readers   # trailing", "```"]));

        Assert.Equal(["export A=1 B=2", "onshi readers   # trailing"], block.Commands);
        Assert.Equal("1234", block.Options["stdin"]);
        Assert.Equal(DocumentedBlockKind.Simulated, block.Kind);
    }

    [Theory]
    [InlineData("dotnet run --project src/OnshiDevice.Cli -- readers", "onshi readers")]
    [InlineData("dotnet run --project src/OnshiDevice.Server", "onshi-device")]
    [InlineData("dotnet run --project src/OnshiDevice.Server -- --simulate", "onshi-device --simulate")]
    [InlineData("onshi --address http://127.0.0.1:50151 readers", "onshi --address http://127.0.0.1:40404 readers")]
    public void Dotnet_run_is_the_built_program_and_the_loopback_port_the_sandboxes(string documented, string run) =>
        Assert.Equal(run, DocumentedBlockRunner.Translate(documented, 40404));

    [Fact]
    public async Task A_block_whose_command_fails_fails()
    {
        var block = new DocumentedBlock("X.md", 1, DocumentedBlockKind.Simulated, ["onshi readers", "onshi card info --reader 'No Such Reader'", "onshi readers"], new Dictionary<string, string>());

        var result = await DocumentedBlockRunner.RunAsync(block);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("$ onshi card info", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, result.Output.Split("$ onshi readers").Length);
    }
}
