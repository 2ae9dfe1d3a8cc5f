namespace OnshiDevice.Pki.Fetch;

/// <summary>What a fetch did with one CRL.</summary>
public enum CrlFetchOutcome
{
    /// <summary>A newer CRL was checked and written into the CRL folder.</summary>
    Updated,

    /// <summary>The CRL served is the one installed.</summary>
    Unchanged,

    /// <summary>Something was served but failed a check (or was too large, or redirected elsewhere); the installed CRL is kept.</summary>
    Refused,

    /// <summary>Nothing usable came back (no connection, no answer in time, an HTTP error); the installed CRL is kept.</summary>
    Unreachable,
}
