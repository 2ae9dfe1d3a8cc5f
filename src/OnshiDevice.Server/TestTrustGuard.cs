using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Simulators;

namespace OnshiDevice.Server;

/// <summary>
/// The host trusts the simulators' test roots only when told to: pointed at an exported test trust folder by mistake,
/// a clinic's service would otherwise accept every virtual card as a real one.
/// </summary>
internal static class TestTrustGuard
{
    public const string Switch = "--trust-test-roots";

    /// <summary>Why the host must not start with this trust, or null when it may.</summary>
    public static string? Refusal(TrustStore trust, bool testRootsAllowed)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (testRootsAllowed)
        {
            return null;
        }

        foreach (var purpose in Enum.GetValues<CertificatePurpose>())
        {
            if (trust.AnchorsFor(purpose).Any(IsTestCertificate))
            {
                return $"{PkiOptions.SectionName}:{nameof(PkiOptions.TrustAnchors)}:{purpose} holds a root of the simulators' test PKI, " +
                    $"which a clinic's service never trusts; to test with virtual cards start with {Switch} (--simulate implies it).";
            }
        }

        return null;
    }

    public static bool IsTestCertificate(DerCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.FindExtension(TestRootMark.Oid) is not null;
    }
}
