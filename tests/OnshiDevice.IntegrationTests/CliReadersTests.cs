using System.Net.Sockets;
using System.Text.Json;
using OnshiDevice.Cli;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// `onshi readers` (numbered, with the card type, padded by display width, `--json`) and what `--reader` accepts:
/// a name, a unique part of one (any case) or the number `onshi readers` shows; anything else lists the readers.
/// </summary>
public sealed class CliReadersTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Readers_are_numbered_and_show_the_type_of_the_card()
    {
        var result = await InProcessCli.RunAsync(_host, new CliOptions(), "readers");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["#", "NAME", "CARD", "TYPE", "ATR"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"0  {DeviceServiceHost.CardReaderName}", lines[1], StringComparison.Ordinal);
        Assert.Contains("  My Number card  ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"1  {DeviceServiceHost.EmptyReaderName}", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_japanese_table_is_padded_by_display_width()
    {
        var result = await InProcessCli.RunAsync(_host, new CliOptions(), "--lang", "ja", "readers");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("マイナンバーカード", lines[1], StringComparison.Ordinal);
        // The ATR column starts at the same terminal column on every line, though the headings and the type are two columns a character.
        var atrColumns = lines.Select(line => DisplayWidth.Of(line[..line.LastIndexOf("  ", StringComparison.Ordinal)])).ToList();
        Assert.Single(atrColumns.Distinct());
        Assert.NotEqual(lines[0].LastIndexOf("  ", StringComparison.Ordinal), lines[1].LastIndexOf("  ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readers_json_gives_each_reader_its_index_and_card_type()
    {
        var result = await InProcessCli.RunAsync(_host, new CliOptions(), "--lang", "ja", "readers", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var readers = document.RootElement.GetProperty("readers").EnumerateArray().ToList();
        Assert.Equal(0, readers[0].GetProperty("index").GetInt32());
        Assert.Equal(DeviceServiceHost.CardReaderName, readers[0].GetProperty("name").GetString());
        Assert.Equal("MY_NUMBER", readers[0].GetProperty("card_type").GetString());
        Assert.Equal(Convert.ToHexString(_host.Card.Atr), readers[0].GetProperty("atr").GetString());
        Assert.False(readers[1].GetProperty("card_present").GetBoolean());
        Assert.False(readers[1].TryGetProperty("card_type", out _));
    }

    [Theory]
    [InlineData("card")]
    [InlineData("CARD READER")]
    [InlineData("0")]
    [InlineData(DeviceServiceHost.CardReaderName)]
    public async Task Reader_takes_a_unique_part_of_a_name_or_its_number(string given)
    {
        var result = await InProcessCli.RunAsync(_host, new CliOptions(), "pin", "status", "--kind", "auth", "--reader", given);

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal("auth: 3 of 3 tries left\n", result.Output);
    }

    [Fact]
    public async Task The_number_of_the_empty_reader_chooses_the_empty_reader()
    {
        var result = await InProcessCli.RunAsync(_host, new CliOptions(), "card", "info", "--reader", "1");

        Assert.Equal("error: There is no card on the reader. [NO_CARD]\n", result.Error);
    }

    [Theory]
    [InlineData("reader", "error: --reader reader fits several readers (Card Reader, Empty Reader); give more of the name, or its number in `onshi readers`\n")]
    [InlineData("Nowhere", "error: --reader Nowhere: no reader has that name or a name containing it; the readers are 0: Card Reader, 1: Empty Reader [READER_NOT_FOUND]\n")]
    [InlineData("7", "error: --reader 7: there is no reader of that number; the readers are 0: Card Reader, 1: Empty Reader [READER_NOT_FOUND]\n")]
    public async Task A_reader_that_is_not_one_reader_is_one_line_listing_the_readers(string given, string expected)
    {
        var result = await InProcessCli.RunAsync(_host, new CliOptions(), "card", "info", "--reader", given);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error);
        Assert.Equal(0, _host.CountingCard.Commands);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_one_line_saying_the_service_stopped()
    {
        var path = Path.Combine(Path.GetTempPath(), $"onshi-stale-{Guid.NewGuid():N}.sock");
        using var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        stale.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using var error = new StringWriter { NewLine = "\n" };
            var io = new CliIo { Out = TextWriter.Null, Error = error, RawOut = Stream.Null, In = TextReader.Null, GetEnvironmentVariable = _ => null };

            var exitCode = await new OnshiCli(io, address => address.CreateChannel()).RunAsync(["--address", $"unix:{path}", "--timeout", "5", "readers"]);

            Assert.Equal(2, exitCode);
            Assert.StartsWith($"error: nothing listens on {path} (connection refused)", error.ToString(), StringComparison.Ordinal);
            Assert.EndsWith("[SERVICE_UNREACHABLE]\n", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_loopback_port_nobody_listens_on_is_one_line_saying_connection_refused()
    {
        using var error = new StringWriter { NewLine = "\n" };
        var io = new CliIo { Out = TextWriter.Null, Error = error, RawOut = Stream.Null, In = TextReader.Null, GetEnvironmentVariable = _ => null };

        // Port 1 (tcpmux) is privileged and unused: nothing another test starts can take it.
        var exitCode = await new OnshiCli(io, address => address.CreateChannel()).RunAsync(["--address", "127.0.0.1:1", "--timeout", "5", "readers"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("error: nothing listens at http://127.0.0.1:1 (connection refused): start onshi-device, or check --address and the port [SERVICE_UNREACHABLE]\n", error.ToString());
    }
}
