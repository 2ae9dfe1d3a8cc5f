namespace OnshiDevice.Pki.Fetch;

/// <summary>The one rule for where a CRL may be downloaded from: an absolute http or https address.</summary>
public static class CrlLocation
{
    /// <summary>Whether <paramref name="location"/> is http or https.</summary>
    public static bool IsFetchable(Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri && (location.Scheme == Uri.UriSchemeHttp || location.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>Why <paramref name="text"/> is not an address to fetch from; null when it is one.</summary>
    public static string? Problem(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var location) && IsFetchable(location)
            ? null
            : $"'{text}' is not an http:// or https:// address";

    /// <summary>
    /// The file a CRL from <paramref name="location"/> is written to: host, port when not the default, and path,
    /// so that two CAs' equally named files (JMA's and MEDIS's crl-sign2.crl) never overwrite each other.
    /// </summary>
    public static string FileNameFor(Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var name = location.Host + (location.IsDefaultPort ? string.Empty : "_" + location.Port) + location.AbsolutePath.Replace('/', '_');
        var safe = new string(name.Select(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_' ? character : '-').ToArray()).TrimEnd('_');
        if (safe.Length > 180)
        {
            safe = safe[..180];
        }

        return safe.EndsWith(".crl", StringComparison.OrdinalIgnoreCase) ? safe : safe + ".crl";
    }
}
