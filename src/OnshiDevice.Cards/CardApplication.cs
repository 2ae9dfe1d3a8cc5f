namespace OnshiDevice.Cards;

/// <summary>An application a card may hold, and the card type its presence proves.</summary>
public sealed record CardApplication(CardType CardType, string Name, ReadOnlyMemory<byte> ApplicationId)
{
    /// <summary>公的個人認証AP (JPKI) of the My Number card.</summary>
    public static CardApplication Jpki { get; } = new(CardType.MyNumber, "JPKI", new byte[] { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 });

    /// <summary>署名用 PKI application of the HPKI card (ISO/IEC 7816-15 RID E8 28 BD 08 0F).</summary>
    public static CardApplication HpkiSigning { get; } = new(CardType.Hpki, "HPKI signing", Convert.FromHexString("E828BD080FA000000391000000000001"))
    {
        SelectReturnsFci = true,
    };

    /// <summary>認証用 PKI application of the HPKI card.</summary>
    public static CardApplication HpkiAuthentication { get; } = new(CardType.Hpki, "HPKI authentication", Convert.FromHexString("E828BD080FA000000391000000000002"))
    {
        SelectReturnsFci = true,
    };

    /// <summary>The applications <see cref="CardIdentifier"/> tries, in order.</summary>
    public static IReadOnlyList<CardApplication> Known { get; } = [Jpki, HpkiSigning, HpkiAuthentication];

    /// <summary>
    /// Whether SELECT asks for the FCI (P2 00, Le 00) instead of P2 0C: the HPKI reference flow does,
    /// and identification sends the same bytes the card class later sends.
    /// </summary>
    public bool SelectReturnsFci { get; init; }

    public string ApplicationIdHex => Convert.ToHexString(ApplicationId.Span);
}
