using OnshiDevice.Cards.Apdus;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards;

/// <summary>Identifies a card by selecting the application ids it may hold; the ATR is never trusted alone.</summary>
public static class CardIdentifier
{
    /// <summary>Selects every <see cref="CardApplication.Known"/> application; one SELECT each.</summary>
    public static CardIdentity Identify(IApduChannel channel, CancellationToken cancellationToken = default) =>
        Identify(channel, CardApplication.Known, cancellationToken);

    /// <summary>
    /// Selects each application in order. The card's type is that of the first application that
    /// answers 9000; any other answer means the card does not hold it.
    /// </summary>
    public static CardIdentity Identify(IApduChannel channel, IReadOnlyList<CardApplication> applications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(applications);
        var cardChannel = ExtendedLengthFallbackChannel.Wrap(channel);
        var type = CardType.Unknown;
        var answered = new List<string>();
        foreach (var application in applications)
        {
            var response = cardChannel.TransmitChecked(SelectCommand.For(application), cancellationToken);
            if (!response.IsSuccess)
            {
                continue;
            }

            answered.Add(application.ApplicationIdHex);
            if (type == CardType.Unknown)
            {
                type = application.CardType;
            }
        }

        return new CardIdentity(type, answered);
    }
}
