using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The way clinic IT runs it: the onshi-device program over the real pcscd, and the onshi command
/// line in another process, with a virtual card tapped on a vpcd reader.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class ProgramsEndToEndTests(PcscdFixture pcscd, ServiceProgram service) : IClassFixture<ServiceProgram>
{
    private const string Reader = PcscdFixture.Slot0Reader;

    [Fact]
    public async Task The_command_line_reads_the_card_through_the_service_and_pcscd()
    {
        var card = VirtualMyNumberCards.Standard();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        var certificateFile = Path.Combine(Path.GetTempPath(), $"onshi-e2e-{Guid.NewGuid():N}.der");
        try
        {
            var info = await Onshi("--reader", Reader, "card", "info");
            Assert.True(info.ExitCode == 0, info.Error);
            Assert.Contains("MY_NUMBER", info.Output, StringComparison.Ordinal);

            var pin = await Onshi("--reader", Reader, "pin", "status", "--kind", "auth");
            Assert.True(pin.ExitCode == 0, pin.Error);
            Assert.Contains("3 of 3 tries left", pin.Output, StringComparison.Ordinal);

            var read = await Onshi("--reader", Reader, "cert", "read", "--kind", "auth", "--der", "-o", certificateFile);
            Assert.True(read.ExitCode == 0, read.Error);
            Assert.Equal(card.AuthCertificate, await File.ReadAllBytesAsync(certificateFile));
        }
        finally
        {
            File.Delete(certificateFile);
        }
    }

    [Fact]
    public async Task An_empty_reader_is_one_error_line_with_its_reason()
    {
        var result = await Onshi("--reader", PcscdFixture.Slot1Reader, "card", "info");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: There is no card on the reader. [NO_CARD]", result.Error.Trim());
    }

    private Task<ProgramResult> Onshi(params string[] arguments) => service.RunCliAsync("", arguments);
}
