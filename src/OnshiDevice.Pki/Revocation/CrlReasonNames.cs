namespace OnshiDevice.Pki.Revocation;

/// <summary>The CRLReason names of RFC 5280 §5.3.1, for failure details.</summary>
internal static class CrlReasonNames
{
    private static readonly string[] Names =
    [
        "unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
        "cessationOfOperation", "certificateHold", "(7 is not used)", "removeFromCRL", "privilegeWithdrawn", "aACompromise",
    ];

    /// <summary>"keyCompromise (1)"; the parser admits only the defined codes 0–10 except 7.</summary>
    public static string Describe(int code) => code >= 0 && code < Names.Length ? $"{Names[code]} ({code})" : $"({code})";
}
