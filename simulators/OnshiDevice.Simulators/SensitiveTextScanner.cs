using System.Security.Cryptography.X509Certificates;
using System.Text;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.Simulators;

/// <summary>
/// Finds the secrets and personal data of the simulated cards in text (log lines, console output): every
/// catalogue card's PIN and password, the JPKI test holder's name, locality, address and birth date, the JPKI
/// signing certificate's subject, the HPKI holders' names, and whatever PIN a test adds. For the privacy
/// tripwire tests; a match means the product leaked what it must never write.
/// </summary>
/// <remarks>
/// A secret counts only as a whole token: not preceded or followed by an ASCII letter or digit, nor by a '.'
/// or ',' that continues a number, so the PIN "1234" is not found in "12345", in port 51234 or in "0.1234 ms". Its ASCII hex form (how an APDU trace would show it) is
/// found anywhere, as such a trace runs the PIN together with the command header. Case is ignored, as the
/// service upper-cases the signing password. Secrets shorter than <see cref="MinimumSecretLength"/> are not
/// looked for: no card accepts one, and "12" or "ab" occur in any log by chance.
/// </remarks>
public sealed class SensitiveTextScanner
{
    public const int MinimumSecretLength = 4;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SensitiveText> _texts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the catalogue cards hold: their PINs and passwords and their holders' personal data.</summary>
    public static SensitiveTextScanner ForCatalogueCards()
    {
        var scanner = new SensitiveTextScanner();
        scanner.AddSecret(VirtualMyNumberCards.AuthPin, "the My Number cards' auth PIN");
        scanner.AddSecret(VirtualMyNumberCards.SigningPassword, "the My Number cards' signing password");
        scanner.AddSecret(VirtualHpkiCards.Pin, "the HPKI cards' PIN");

        var holder = JpkiHolder.TestPerson;
        scanner.AddPersonal(holder.Name, "the JPKI holder's name");
        scanner.AddPersonal(holder.Name.Replace(" ", "\u3000", StringComparison.Ordinal), "the JPKI holder's name");
        scanner.AddPersonal(holder.NameInLatin, "the JPKI holder's name");
        scanner.AddPersonal(holder.Address, "the JPKI holder's address");
        scanner.AddPersonal(holder.Locality, "the JPKI holder's locality");
        scanner.AddPersonal(holder.DateOfBirth, "the JPKI holder's date of birth");
        var gregorian = holder.DateOfBirth[1..];
        scanner.AddPersonal(gregorian, "the JPKI holder's date of birth");
        scanner.AddPersonal($"{gregorian[..4]}-{gregorian[4..6]}-{gregorian[6..]}", "the JPKI holder's date of birth");
        scanner.AddPersonal($"{gregorian[..4]}/{gregorian[4..6]}/{gregorian[6..]}", "the JPKI holder's date of birth");

        using var signing = X509CertificateLoader.LoadCertificate(VirtualMyNumberCards.StandardCredentials.SigningCertificate.ToArray());
        foreach (var flags in new[] { X500DistinguishedNameFlags.None, X500DistinguishedNameFlags.Reversed, X500DistinguishedNameFlags.UseCommas })
        {
            scanner.AddPersonal(signing.SubjectName.Decode(flags), "the JPKI signing certificate's subject");
        }

        foreach (var hpkiHolder in new[] { HpkiHolder.TestDoctor, HpkiHolder.TestPharmacist })
        {
            scanner.AddPersonal(hpkiHolder.NameInLatin, "an HPKI holder's name");
        }

        return scanner;
    }

    /// <summary>A PIN or password (also looked for in its ASCII hex form). Shorter than <see cref="MinimumSecretLength"/>: ignored.</summary>
    public void AddSecret(string value, string label)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < MinimumSecretLength)
        {
            return;
        }

        Add(new SensitiveText(value, label, WholeToken: true));
        Add(new SensitiveText(Convert.ToHexString(Encoding.UTF8.GetBytes(value)), label + " (as hex)", WholeToken: false));
    }

    /// <summary>Personal data, looked for as a whole token.</summary>
    public void AddPersonal(string value, string label)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length >= MinimumSecretLength)
        {
            Add(new SensitiveText(value, label, WholeToken: true));
        }
    }

    /// <summary>What of the sensitive texts <paramref name="text"/> contains, by label (never the value itself).</summary>
    public IReadOnlyList<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        SensitiveText[] texts;
        lock (_gate)
        {
            texts = [.. _texts.Values];
        }

        return texts.Where(sensitive => Contains(text, sensitive)).Select(sensitive => sensitive.Label).Distinct(StringComparer.Ordinal).ToList();
    }

    private void Add(SensitiveText text)
    {
        lock (_gate)
        {
            _texts.TryAdd(text.Value, text);
        }
    }

    private static bool Contains(string text, SensitiveText sensitive)
    {
        for (var start = text.IndexOf(sensitive.Value, StringComparison.OrdinalIgnoreCase); start >= 0;
             start = text.IndexOf(sensitive.Value, start + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = start + sensitive.Value.Length;
            if (!sensitive.WholeToken || (!ContinuesToken(text, start - 1, -1) && !ContinuesToken(text, end, +1)))
            {
                return true;
            }
        }

        return false;
    }

    // A letter or digit continues the token; so does a '.' or ',' with a digit beyond it, as in 0.1234 or 1,234.
    private static bool ContinuesToken(string text, int index, int direction) =>
        IsAsciiLetterOrDigitAt(text, index)
        || (index >= 0 && index < text.Length && text[index] is ('.' or ',') && IsDigitAt(text, index + direction));

    private static bool IsAsciiLetterOrDigitAt(string text, int index) => index >= 0 && index < text.Length && char.IsAsciiLetterOrDigit(text[index]);

    private static bool IsDigitAt(string text, int index) => index >= 0 && index < text.Length && char.IsAsciiDigit(text[index]);

    private sealed record SensitiveText(string Value, string Label, bool WholeToken);
}
