using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;

namespace OnshiDevice.PcSc.Iso7816;

/// <summary>
/// The channel stack card code talks through over PC/SC, one per connection: the extended-length
/// fallback (what the connection learned about extended APDUs lives here) over 61xx / 6Cxx handling
/// over the PC/SC transport.
/// </summary>
public static class ApduChannels
{
    public static IApduChannel Over(CardConnection connection) => ExtendedLengthFallbackChannel.Wrap(new PcscApduChannel(connection));
}
