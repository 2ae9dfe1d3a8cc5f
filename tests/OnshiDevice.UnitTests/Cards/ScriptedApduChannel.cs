using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards;

/// <summary>
/// A card that expects an exact sequence of command APDUs (as hex) and answers each with a scripted
/// response. Any unexpected command fails the test at once; <see cref="AssertFinished"/> checks that
/// nothing scripted was left unsent.
/// </summary>
internal sealed class ScriptedApduChannel : IApduChannel
{
    private readonly Queue<(string Command, string Response)> script = new();

    public ScriptedApduChannel(bool supportsExtendedLength = true)
    {
        Limits = supportsExtendedLength ? ApduLimits.Extended : ApduLimits.Short;
    }

    public ApduLimits Limits { get; }

    public List<string> Sent { get; } = [];

    /// <summary>The command objects as sent, to check what the caller did with its buffers afterwards.</summary>
    public List<CommandApdu> SentCommands { get; } = [];

    /// <summary>Runs after each transmit, e.g. to cancel a token between APDUs.</summary>
    public Action? AfterTransmit { get; set; }

    public ScriptedApduChannel Expect(string commandHex, string responseHex)
    {
        script.Enqueue((Normalize(commandHex), Normalize(responseHex)));
        return this;
    }

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        var sent = Convert.ToHexString(command.ToBytes());
        Sent.Add(sent);
        SentCommands.Add(command);
        Assert.True(script.Count > 0, $"Unexpected extra command {sent}; the script is finished.");
        var (expected, response) = script.Dequeue();
        Assert.Equal(expected, sent);
        AfterTransmit?.Invoke();
        return ResponseApdu.Parse(Convert.FromHexString(response));
    }

    public void AssertFinished() => Assert.True(script.Count == 0, $"{script.Count} scripted command(s) were never sent; next: {(script.Count > 0 ? script.Peek().Command : string.Empty)}.");

    private static string Normalize(string hex) => hex.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
