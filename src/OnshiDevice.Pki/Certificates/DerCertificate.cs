namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// An X.509 v3 certificate parsed strictly from DER with System.Formats.Asn1: only what path
/// validation needs, every length checked. Malformed input raises <see cref="MalformedCertificateException"/>.
/// </summary>
public sealed class DerCertificate
{
    // SHAPE ONLY: the pki helper fills this in.
    private DerCertificate()
    {
    }

    /// <summary>The certificate exactly as given.</summary>
    public ReadOnlyMemory<byte> Encoded { get; private init; }

    /// <summary>tbsCertificate as encoded (what the issuer signed).</summary>
    public ReadOnlyMemory<byte> TbsCertificate { get; private init; }

    /// <summary>Serial number content octets (big-endian, as encoded, leading zero kept).</summary>
    public ReadOnlyMemory<byte> SerialNumber { get; private init; }

    /// <summary>Serial number as upper-case hex without a leading 00 sign byte.</summary>
    public string SerialNumberHex => throw new NotImplementedException();

    /// <summary>Issuer Name, DER (compared byte for byte when building paths).</summary>
    public ReadOnlyMemory<byte> IssuerName { get; private init; }

    public ReadOnlyMemory<byte> SubjectName { get; private init; }

    /// <summary>RFC 4514 form, for people.</summary>
    public string Issuer { get; private init; } = string.Empty;

    public string Subject { get; private init; } = string.Empty;

    public DateTimeOffset NotBefore { get; private init; }

    public DateTimeOffset NotAfter { get; private init; }

    public static DerCertificate Parse(ReadOnlyMemory<byte> der) => throw new NotImplementedException();
}
