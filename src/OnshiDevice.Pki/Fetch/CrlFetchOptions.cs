namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// Configuration section "Pki:CrlFetch": downloading CRLs from their distribution points, by
/// <c>onshi-device crl fetch</c> and, when <see cref="Enabled"/>, by the service in the background.
/// </summary>
public sealed class CrlFetchOptions
{
    /// <summary>Never more often: a CA's CRL changes at most a few times a day, and its server is shared by every clinic.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(15);

    /// <summary>Never less often: a week-old CRL is older than any HPKI CRL's validity seen.</summary>
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(7);

    /// <summary>The longest a timeout may be, so a fetch always ends.</summary>
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Whether the service fetches in the background (off by default: a clinic PC may have no internet).</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the service fetches, between <see cref="MinimumInterval"/> and <see cref="MaximumInterval"/>.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long one CRL's download may take, connection, redirects and body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// More CRLs to fetch, by http(s) address: those no configured certificate names, such as a CA's CRL for the
    /// cards (named only in the cards' certificates). Their issuer must be a configured certificate.
    /// </summary>
    public string[] Urls { get; set; } = [];

    /// <summary>What is wrong with these settings, naming the setting; null when they can be used.</summary>
    public string? Problem()
    {
        if (Interval < MinimumInterval || Interval > MaximumInterval)
        {
            return $"Pki:CrlFetch:Interval must be between {MinimumInterval:c} and {MaximumInterval:c}, not {Interval:c}.";
        }

        if (Timeout <= TimeSpan.Zero || Timeout > MaximumTimeout)
        {
            return $"Pki:CrlFetch:Timeout must be positive and at most {MaximumTimeout:c}, not {Timeout:c}.";
        }

        return Urls.Select(CrlLocation.Problem).FirstOrDefault(problem => problem is not null) is { } bad
            ? $"Pki:CrlFetch:Urls: {bad}"
            : null;
    }
}
