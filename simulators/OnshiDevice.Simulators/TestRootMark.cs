namespace OnshiDevice.Simulators;

/// <summary>
/// The extension every root and CA of the simulators' test PKI carries, so a production host can tell a test root it was
/// pointed at from a real one and refuse it (onshi-device trusts them only with --simulate or --trust-test-roots).
/// Non-critical: to every verifier but the host's check it is an extension like any other.
/// </summary>
public static class TestRootMark
{
    /// <summary>A UUID-derived OID (ITU-T X.667, arc 2.25), needing no registration; the value says "OnshiDevice simulator test PKI".</summary>
    public const string Oid = "2.25.121073577907083799438115276324506251468";

    internal static void AddTo(Org.BouncyCastle.X509.X509V3CertificateGenerator generator) =>
        generator.AddExtension(Oid, false, new Org.BouncyCastle.Asn1.DerUtf8String("OnshiDevice simulator test PKI: never a real trust anchor"));
}
