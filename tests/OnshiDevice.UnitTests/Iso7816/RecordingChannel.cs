using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Iso7816;

/// <summary>A channel whose card is a function of the command; records every command as hex.</summary>
internal sealed class RecordingChannel : IApduChannel
{
    private readonly Func<CommandApdu, string> answer;

    public RecordingChannel(Func<CommandApdu, string> answer, bool supportsExtendedLength = false)
    {
        this.answer = answer;
        Limits = supportsExtendedLength ? ApduLimits.Extended : ApduLimits.Short;
    }

    public ApduLimits Limits { get; }

    public List<string> Sent { get; } = [];

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        Sent.Add(Convert.ToHexString(command.ToBytes()));
        return ResponseApdu.Parse(Convert.FromHexString(answer(command).Replace(" ", string.Empty, StringComparison.Ordinal)));
    }
}
