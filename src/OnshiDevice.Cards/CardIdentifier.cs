using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards;

// SHAPE ONLY: the cards helper replaces the body.
/// <summary>Identifies a card by selecting the application ids it may hold; the ATR is never trusted alone.</summary>
public static class CardIdentifier
{
    public static CardIdentity Identify(IApduChannel channel, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
