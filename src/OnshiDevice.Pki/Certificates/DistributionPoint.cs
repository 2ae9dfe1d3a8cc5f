namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// One DistributionPoint of a certificate's cRLDistributionPoints (RFC 5280 §4.2.1.13): where its CRL is,
/// for which reasons (null: all), and who issues it (null: the certificate's issuer).
/// </summary>
internal sealed record DistributionPoint(DistributionPointName? Name, RevocationReasons? Reasons, IReadOnlyList<DerGeneralName>? CrlIssuer);
