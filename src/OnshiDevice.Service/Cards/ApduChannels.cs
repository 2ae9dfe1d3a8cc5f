using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;

namespace OnshiDevice.Service.Cards;

/// <summary>The channel stack the cards layer talks through.</summary>
internal static class ApduChannels
{
    public static IApduChannel Over(CardConnection connection) => new PcscApduChannel(connection);
}
