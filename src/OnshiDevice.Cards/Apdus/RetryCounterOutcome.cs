namespace OnshiDevice.Cards.Apdus;

/// <summary>What a data-less VERIFY (the retry-counter query) told, as its status word says.</summary>
public enum RetryCounterOutcome
{
    /// <summary>63Cx: x tries left (63C0: none, the PIN is blocked).</summary>
    Counted,

    /// <summary>9000: the PIN is verified in this session (some card generations answer so).</summary>
    AlreadyVerified,

    /// <summary>6983 or 6984: the PIN is blocked.</summary>
    Blocked,

    /// <summary>
    /// 6700, 6A86, 6B00, 6D00, 6A81, 6A80, 6A88 or 6300: the card does not answer a data-less VERIFY
    /// and keeps its count to itself. Whether that is allowed is the card profile's decision.
    /// </summary>
    QueryRejected,

    /// <summary>Any other status word (6982, ...): not an answer to the query.</summary>
    Unexpected,
}
