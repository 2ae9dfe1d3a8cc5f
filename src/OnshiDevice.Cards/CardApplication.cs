namespace OnshiDevice.Cards;

/// <summary>An application a card may hold, and the card type its presence proves.</summary>
public sealed record CardApplication(CardType CardType, string Name, ReadOnlyMemory<byte> ApplicationId)
{
    /// <summary>公的個人認証AP (JPKI) of the My Number card.</summary>
    public static CardApplication Jpki { get; } = new(CardType.MyNumber, "JPKI", new byte[] { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 });

    /// <summary>The applications <see cref="CardIdentifier"/> tries, in order. HPKI joins this list when its AID is known.</summary>
    public static IReadOnlyList<CardApplication> Known { get; } = [Jpki];

    public string ApplicationIdHex => Convert.ToHexString(ApplicationId.Span);
}
