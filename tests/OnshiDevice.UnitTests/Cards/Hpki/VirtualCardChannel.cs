using OnshiDevice.Iso7816;
using OnshiDevice.Simulators;

namespace OnshiDevice.UnitTests.Cards.Hpki;

/// <summary>Carries APDUs as bytes to a virtual card, as a reader would, and keeps what it sent.</summary>
internal sealed class VirtualCardChannel(IVirtualCard card, bool extendedLength = true) : IApduChannel
{
    public ApduLimits Limits => extendedLength ? ApduLimits.Extended : ApduLimits.Short;

    public List<CommandApdu> Commands { get; } = [];

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        return ResponseApdu.Parse(card.Process(command.ToBytes()));
    }
}
