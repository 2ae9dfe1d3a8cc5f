using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;

namespace OnshiDevice.Service.Cards;

/// <summary>The channel stack the cards layer talks through: 61xx / 6Cxx handled above the PC/SC transport.</summary>
internal static class ApduChannels
{
    public static IApduChannel Over(CardConnection connection) => ResponseChainingChannel.Wrap(new PcscApduChannel(connection));
}
