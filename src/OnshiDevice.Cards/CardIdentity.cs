namespace OnshiDevice.Cards;

/// <summary>What a card turned out to be, and the application ids (upper-case hex) that answered SELECT.</summary>
public sealed record CardIdentity(CardType Type, IReadOnlyList<string> Applications);
