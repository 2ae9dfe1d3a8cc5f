namespace OnshiDevice.Pki.Revocation;

public enum RevocationStatus
{
    /// <summary>Every certificate of the path was checked against a fresh, valid CRL of its issuer.</summary>
    Good,

    Revoked,

    /// <summary>A CRL is missing, stale or invalid, or there was no path to check: never reported as good.</summary>
    Unknown,
}
