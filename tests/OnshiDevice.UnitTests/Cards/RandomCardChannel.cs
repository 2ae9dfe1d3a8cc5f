using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards;

/// <summary>A card that answers every command with the next of a fixed list of raw responses (cycling), and counts commands.</summary>
internal sealed class RandomCardChannel : IApduChannel
{
    private readonly IReadOnlyList<byte[]> responses;

    public RandomCardChannel(IReadOnlyList<byte[]> responses, bool supportsExtendedLength)
    {
        this.responses = responses;
        Limits = supportsExtendedLength ? ApduLimits.Extended : ApduLimits.Short;
    }

    public ApduLimits Limits { get; }

    public int ApduCount { get; private set; }

    public List<CommandApdu> Sent { get; } = [];

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        var raw = responses[ApduCount % responses.Count];
        ApduCount++;
        Sent.Add(command);
        return ResponseApdu.Parse(raw);
    }
}
