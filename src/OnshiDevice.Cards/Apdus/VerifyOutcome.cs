namespace OnshiDevice.Cards.Apdus;

/// <summary>What a VERIFY with a PIN did, as its status word says.</summary>
public enum VerifyOutcome
{
    /// <summary>9000: the PIN was right; the card's counter is back at its maximum.</summary>
    Verified,

    /// <summary>63Cx with x &gt; 0, or 6300 (no count): the PIN was wrong and a try was spent.</summary>
    Incorrect,

    /// <summary>63C0 (the wrong try that exhausts the counter), 6983 or 6984: the PIN is blocked.</summary>
    Blocked,

    /// <summary>Any other status word: the card refused the command itself (6982, 6A88, 6700, ...); whether a try was spent is unknown.</summary>
    Rejected,
}
