namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// One address to fetch a CRL from. <see cref="ExpectedIssuerName"/> (Name DER) is whom the CRL there must come
/// from when something names the address for a certificate (its issuer, or the distribution point's cRLIssuer);
/// empty when only an address was configured, and then any configured CA may have issued it.
/// </summary>
internal sealed record CrlSource(Uri Location, string FileName, ReadOnlyMemory<byte> ExpectedIssuerName, string ExpectedIssuer, string NamedBy);
