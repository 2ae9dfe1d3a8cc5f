using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.Simulators;

/// <summary>
/// The trust configuration that matches the simulated cards: the test JPKI and HPKI roots as trust
/// anchors, each in the folder of the purposes it anchors, the HPKI CAs as intermediates, and fresh CRLs
/// shaped as the real PKIs publish them: the HPKI root's ARL (for the CA certificates) and RARL (about the
/// root), each HPKI CA's CRL (listing <see cref="VirtualHpkiCards.Revoked"/>), and each JPKI root's CRL for
/// the cards and its ARL. Tests and test setups point the product's Pki options at
/// a folder written here; nothing of it is trusted outside tests.
/// </summary>
public static class SimulatedTrust
{
    public const string AnchorsFolder = "anchors";
    public const string IntermediatesFolder = "intermediates";
    public const string CrlsFolder = "crls";

    /// <summary>How long before "now" the written CRLs were issued.</summary>
    public static readonly TimeSpan CrlAge = TimeSpan.FromHours(1);

    /// <summary>How long after "now" the written CRLs' next update is due.</summary>
    public static readonly TimeSpan CrlLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// End-entity policy OIDs the product must accept in a test setup besides the production ones:
    /// the JPKI test cards' policy, for both JPKI purposes (reference mynumber-card.md §10). The HPKI
    /// test certificates carry the production HPKI policies and need nothing extra.
    /// </summary>
    public static IReadOnlyList<string> TestPolicyOids { get; } = [TestJpkiHierarchy.TestCardPolicyOid];

    /// <summary>Under <see cref="AnchorsFolder"/>: the folder of the JPKI authentication root.</summary>
    public const string JpkiAuthenticationAnchors = "jpki-authentication";

    /// <summary>Under <see cref="AnchorsFolder"/>: the folder of the JPKI signing root.</summary>
    public const string JpkiSigningAnchors = "jpki-signing";

    /// <summary>Under <see cref="AnchorsFolder"/>: the folder of the HPKI root, which anchors both HPKI purposes.</summary>
    public const string HpkiAnchors = "hpki";

    /// <summary>Self-signed roots by path under <see cref="AnchorsFolder"/>: one folder per purpose they anchor.</summary>
    public static IReadOnlyDictionary<string, byte[]> Anchors => new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        [Path.Combine(JpkiAuthenticationAnchors, "jpki-test-auth-root.der")] = TestJpkiHierarchy.Default.AuthCaCertificate.ToArray(),
        [Path.Combine(JpkiSigningAnchors, "jpki-test-sign-root.der")] = TestJpkiHierarchy.Default.SigningCaCertificate.ToArray(),
        [Path.Combine(HpkiAnchors, "hpki-test-root.der")] = TestHpkiHierarchy.Default.RootCertificate.ToArray(),
    };

    /// <summary>The anchor folder (under <see cref="AnchorsFolder"/>) of each purpose, as the configuration names them.</summary>
    public static IReadOnlyDictionary<string, string> AnchorFolderByPurpose { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["JpkiAuthentication"] = JpkiAuthenticationAnchors,
        ["JpkiSigning"] = JpkiSigningAnchors,
        ["HpkiSigning"] = HpkiAnchors,
        ["HpkiAuthentication"] = HpkiAnchors,
    };

    /// <summary>CA certificates that complete HPKI paths, by file name.</summary>
    public static IReadOnlyDictionary<string, byte[]> Intermediates => new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["hpki-test-signing-ca.der"] = TestHpkiHierarchy.Default.SigningCaCertificate.ToArray(),
        ["hpki-test-auth-ca.der"] = TestHpkiHierarchy.Default.AuthenticationCaCertificate.ToArray(),
    };

    /// <summary>The certificates of <see cref="VirtualHpkiCards.Revoked"/>, as the CRLs list them.</summary>
    public static IReadOnlyList<RevokedCertificate> RevokedHpkiSigning(DateTimeOffset now) =>
        [RevokedCertificate.Of(VirtualHpkiCards.RevokedCredentials.SigningCertificate, RevocationDate(now))];

    public static IReadOnlyList<RevokedCertificate> RevokedHpkiAuthentication(DateTimeOffset now) =>
        [RevokedCertificate.Of(VirtualHpkiCards.RevokedCredentials.AuthenticationCertificate, RevocationDate(now))];

    /// <summary>
    /// The CRLs a clinic would download, by file name, issued at <paramref name="now"/> minus <see cref="CrlAge"/>
    /// and due at <paramref name="now"/> plus <see cref="CrlLifetime"/>: per JPKI root its card CRL and its ARL;
    /// the HPKI root's ARL (<c>hpki-test-root-arl.crl</c>, the one the CA certificates need) and RARL; each HPKI
    /// CA's CRL. The CRL number grows with <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]> Crls(DateTimeOffset now)
    {
        var thisUpdate = now - CrlAge;
        var nextUpdate = now + CrlLifetime;
        var number = Math.Max(1, now.ToUnixTimeSeconds());
        var jpki = TestJpkiHierarchy.Default;
        var hpki = TestHpkiHierarchy.Default;
        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["jpki-test-auth-root.crl"] = jpki.IssueCrl(JpkiAuthority.Authentication, [], thisUpdate, nextUpdate, number),
            ["jpki-test-auth-root-arl.crl"] = jpki.IssueArl(JpkiAuthority.Authentication, [], thisUpdate, nextUpdate, number),
            ["jpki-test-sign-root.crl"] = jpki.IssueCrl(JpkiAuthority.Signing, [], thisUpdate, nextUpdate, number),
            ["jpki-test-sign-root-arl.crl"] = jpki.IssueArl(JpkiAuthority.Signing, [], thisUpdate, nextUpdate, number),
            ["hpki-test-root-arl.crl"] = hpki.IssueCrl(HpkiAuthority.Root, [], thisUpdate, nextUpdate, number),
            ["hpki-test-root-rarl.crl"] = hpki.IssueRootRarl([], thisUpdate, nextUpdate, number),
            ["hpki-test-signing-ca.crl"] = hpki.IssueCrl(HpkiAuthority.Signing, RevokedHpkiSigning(now), thisUpdate, nextUpdate, number),
            ["hpki-test-auth-ca.crl"] = hpki.IssueCrl(HpkiAuthority.Authentication, RevokedHpkiAuthentication(now), thisUpdate, nextUpdate, number),
        };
    }

    /// <summary>
    /// Writes <c>anchors/</c>, <c>intermediates/</c> and <c>crls/</c> (DER) under <paramref name="folder"/>,
    /// creating what is missing and replacing files of the same names; other files are left alone.
    /// Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteTo(string folder, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var written = new List<string>();
        Write(Path.Combine(folder, AnchorsFolder), Anchors, written);
        Write(Path.Combine(folder, IntermediatesFolder), Intermediates, written);
        Write(Path.Combine(folder, CrlsFolder), Crls(now), written);
        return written;
    }

    /// <summary>
    /// The device service's configuration keys (section "Pki") that make it trust a folder written by
    /// <see cref="WriteTo"/>, test-card policies included. As environment variables, ':' becomes "__".
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ServiceSettings(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Pki:Intermediates"] = Path.Combine(folder, IntermediatesFolder),
            ["Pki:Crls"] = Path.Combine(folder, CrlsFolder),
        };
        foreach (var (purpose, anchors) in AnchorFolderByPurpose)
        {
            settings[$"Pki:TrustAnchors:{purpose}"] = Path.Combine(folder, AnchorsFolder, anchors);
        }

        for (var index = 0; index < TestPolicyOids.Count; index++)
        {
            settings[$"Pki:AdditionalPolicies:JpkiAuthentication:{index}"] = TestPolicyOids[index];
            settings[$"Pki:AdditionalPolicies:JpkiSigning:{index}"] = TestPolicyOids[index];
        }

        return settings;
    }

    /// <summary>Settings that leave every purpose without a trust anchor, laid over <see cref="ServiceSettings"/> by tests of an unconfigured service.</summary>
    public static IReadOnlyDictionary<string, string?> NoAnchorSettings { get; } =
        AnchorFolderByPurpose.Keys.ToDictionary(purpose => $"Pki:TrustAnchors:{purpose}", _ => (string?)string.Empty, StringComparer.Ordinal);

    private static void Write(string directory, IReadOnlyDictionary<string, byte[]> files, List<string> written)
    {
        foreach (var (name, der) in files)
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, der);
            written.Add(path);
        }
    }

    // Fixed, so CRL entries repeat run to run; but never after the CRL itself was issued.
    private static DateTimeOffset RevocationDate(DateTimeOffset now)
    {
        var latest = now - CrlAge;
        return VirtualHpkiCards.RevokedAt < latest ? VirtualHpkiCards.RevokedAt : latest;
    }
}
