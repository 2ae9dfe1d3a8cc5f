using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;

namespace OnshiDevice.Service.Cards;

/// <summary>What card work gets inside its transaction: the channel to the card and the connection's ATR.</summary>
public sealed class CardSession
{
    private readonly CardConnection _connection;

    internal CardSession(CardConnection connection, IApduChannel channel)
    {
        _connection = connection;
        Channel = channel;
    }

    public IApduChannel Channel { get; }

    public byte[] GetAtr() => _connection.GetAtr();
}
