using OnshiDevice.TestSupport.Docs;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The documented command blocks that need the real PC/SC stack (marked "pcscd", docs/CONTRIBUTING-DOCS.md): run as
/// written against the machine's pcscd, with virtual cards on the vpcd slots the blocks name.
/// </summary>
[Collection(PcscdCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DocumentedPcscdCommandsTests(PcscdFixture pcscd)
{
    public static TheoryData<string> PcscdRuns()
    {
        var data = new TheoryData<string>();
        foreach (var run in DocumentedBlocks.Runs(DocumentedBlockKind.Pcscd))
        {
            data.Add(run.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PcscdRuns))]
    public async Task The_documented_commands_work_as_written_with_pcscd(string block)
    {
        // The slots must be empty: a card left by an earlier test would make a documented vpcd wait for its slot.
        await pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot0Reader, present: false);
        await pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot1Reader, present: false);
        var run = DocumentedBlocks.Runs(DocumentedBlockKind.Pcscd).Single(candidate => candidate.ToString() == block);

        var result = await DocumentedBlockRunner.RunAsync(run);

        Assert.True(result.ExitCode == 0, $"{block}:\n{result}");
    }
}
