namespace OnshiDevice.Simulators.Hpki;

/// <summary>
/// How a virtual HPKI card answers a data-less VERIFY. JAHIS allows the form, but whether a real
/// card answers it is UNCONFIRMED (reference A.1.5), so the product must cope with a refusal.
/// </summary>
public enum HpkiRetryCounterQuery
{
    /// <summary>Answers <c>63Cx</c> with the tries left.</summary>
    Answered,

    /// <summary>Refuses the query with <c>6700</c> (wrong length).</summary>
    RejectedAsWrongLength,

    /// <summary>Refuses the query with <c>6A86</c> (incorrect P1 P2).</summary>
    RejectedAsIncorrectParameters,
}
