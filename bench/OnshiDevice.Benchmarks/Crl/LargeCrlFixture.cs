using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OnshiDevice.Benchmarks.Crl;

/// <summary>
/// An HPKI-shaped hierarchy (root → signing CA → doctor's signing certificate) and a national-scale
/// CRL of the signing CA, written to a folder as DER and PEM so both OnshiDevice and
/// <c>openssl verify -crl_check</c> read the same files.
/// </summary>
internal sealed class LargeCrlFixture : IDisposable
{
    // The reference's 54-byte SubjectDirectoryAttributes extnValue: hcRole "Medical Doctor".
    private static readonly byte[] MedicalDoctorRole = Convert.FromHexString(
        "303430320606288185420001312831263024A0223120A00C060A2A830886910F01060101A2100C0E4D65646963616C20446F63746F72");

    private LargeCrlFixture(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public string AnchorsFolder => Path.Combine(Folder, "anchors");

    public string IntermediatesFolder => Path.Combine(Folder, "intermediates");

    public string CrlsFolder => Path.Combine(Folder, "crls");

    /// <summary>The CRL of the signing CA (DER) inside <see cref="CrlsFolder"/>.</summary>
    public string LargeCrlPath => Path.Combine(CrlsFolder, "signing-ca.crl");

    public string RootPemPath => Path.Combine(Folder, "root.pem");

    public string SigningCaPemPath => Path.Combine(Folder, "signing-ca.pem");

    public string LargeCrlPemPath => Path.Combine(Folder, "signing-ca.crl.pem");

    public string GoodCertificatePemPath => Path.Combine(Folder, "doctor-good.pem");

    public string RevokedCertificatePemPath => Path.Combine(Folder, "doctor-revoked.pem");

    public byte[] GoodCertificate { get; private set; } = [];

    public byte[] RevokedCertificate { get; private set; } = [];

    public int RevokedEntries { get; private set; }

    /// <summary>The first serials written into the large CRL, for lookups that hit.</summary>
    public List<byte[]> ListedSerialSample { get; } = [];

    public long LargeCrlBytes { get; private set; }

    public static LargeCrlFixture Create(int revokedEntries)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"onshi-crl-bench-{Environment.ProcessId}");
        var fixture = new LargeCrlFixture(folder);
        Directory.CreateDirectory(fixture.AnchorsFolder);
        Directory.CreateDirectory(fixture.IntermediatesFolder);
        Directory.CreateDirectory(fixture.CrlsFolder);
        fixture.Build(revokedEntries);
        return fixture;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void Build(int revokedEntries)
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = RSA.Create(2048);
        using var caKey = RSA.Create(2048);
        using var doctorKey = RSA.Create(2048);

        using var root = SelfSignedRoot(rootKey, now);
        using var signingCa = IssueCa(root, caKey, now);
        using var good = IssueDoctor(signingCa, doctorKey, now, serial: 0x0123456789);
        using var revoked = IssueDoctor(signingCa, doctorKey, now, serial: 0x0123456790);
        GoodCertificate = good.RawData;
        RevokedCertificate = revoked.RawData;

        File.WriteAllBytes(Path.Combine(AnchorsFolder, "root.der"), root.RawData);
        File.WriteAllBytes(Path.Combine(IntermediatesFolder, "signing-ca.der"), signingCa.RawData);
        File.WriteAllText(RootPemPath, root.ExportCertificatePem());
        File.WriteAllText(SigningCaPemPath, signingCa.ExportCertificatePem());
        File.WriteAllText(GoodCertificatePemPath, good.ExportCertificatePem());
        File.WriteAllText(RevokedCertificatePemPath, revoked.ExportCertificatePem());

        // The root's CRL covers the signing CA and lists nothing.
        var rootCrl = new CertificateRevocationListBuilder().Build(root, BigInteger.One, now.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now.AddHours(-1));
        File.WriteAllBytes(Path.Combine(CrlsFolder, "root.crl"), rootCrl);

        var crl = WriteCrl(signingCa, caKey, revokedEntries, revoked.SerialNumberBytes, now, ListedSerialSample);
        RevokedEntries = revokedEntries;
        File.WriteAllBytes(LargeCrlPath, crl);
        File.WriteAllText(LargeCrlPemPath, new string(PemEncoding.Write("X509 CRL", crl)) + "\n");
        LargeCrlBytes = crl.Length;
    }

    /// <summary>
    /// The CRL written directly with AsnWriter: the framework's CertificateRevocationListBuilder keeps
    /// its entries in a way that makes a million of them take minutes.
    /// </summary>
    private static byte[] WriteCrl(X509Certificate2 issuer, RSA issuerKey, int entries, ReadOnlyMemory<byte> listedSerial, DateTimeOffset now, List<byte[]> sample)
    {
        var random = new Random(20261125);
        var serial = new byte[16];
        var tbs = new AsnWriter(AsnEncodingRules.DER, initialCapacity: entries * 40);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            WriteSha256WithRsa(tbs);
            tbs.WriteEncodedValue(issuer.SubjectName.RawData);
            tbs.WriteUtcTime(now.AddHours(-1));
            tbs.WriteUtcTime(now.AddDays(7));
            using (tbs.PushSequence())
            {
                for (var index = 0; index < entries - 1; index++)
                {
                    random.NextBytes(serial);
                    serial[0] = (byte)((serial[0] & 0x7F) | 0x10);
                    if (sample.Count < 10_000)
                    {
                        sample.Add(serial.ToArray());
                    }

                    using (tbs.PushSequence())
                    {
                        tbs.WriteIntegerUnsigned(serial);
                        tbs.WriteUtcTime(now.AddDays(-random.Next(1, 3650)));
                    }
                }

                using (tbs.PushSequence())
                {
                    tbs.WriteInteger(listedSerial.Span);
                    tbs.WriteUtcTime(now.AddDays(-1));
                }
            }

            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            using (tbs.PushSequence())
            {
                var authorityKey = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false);
                using (tbs.PushSequence())
                {
                    tbs.WriteObjectIdentifier("2.5.29.35");
                    tbs.WriteOctetString(authorityKey.RawData);
                }

                var number = new AsnWriter(AsnEncodingRules.DER);
                number.WriteInteger(2);
                using (tbs.PushSequence())
                {
                    tbs.WriteObjectIdentifier("2.5.29.20");
                    tbs.WriteOctetString(number.Encode());
                }
            }
        }

        var tbsBytes = tbs.Encode();
        var signature = issuerKey.SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var crl = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbsBytes.Length + 300);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsBytes);
            WriteSha256WithRsa(crl);
            crl.WriteBitString(signature);
        }

        return crl.Encode();
    }

    private static void WriteSha256WithRsa(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.1.11");
            writer.WriteNull();
        }
    }

    private static X509Certificate2 SelfSignedRoot(RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest("C=JP, O=OnshiDevice Bench, OU=MHLW HPKI Root CA BENCH", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddYears(-1), now.AddYears(20));
    }

    private static X509Certificate2 IssueCa(X509Certificate2 root, RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest("C=JP, O=OnshiDevice Bench, CN=HPKI-01-forNonRepudiation-BENCH", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        request.CertificateExtensions.Add(Policies("1.2.392.100495.1.5.1.1.3.1"));
        using var issued = request.Create(root, now.AddYears(-1), now.AddYears(10), [0x02]);
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 IssueDoctor(X509Certificate2 signingCa, RSA key, DateTimeOffset now, long serial)
    {
        var request = new CertificateRequest("C=JP, CN=Bench Doctor, SERIALNUMBER=BENCH0001", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signingCa, true, false));
        request.CertificateExtensions.Add(Policies("1.2.392.100495.1.5.1.1.0.1"));
        request.CertificateExtensions.Add(new X509Extension("2.5.29.9", MedicalDoctorRole, false));
        var serialBytes = BigInteger.Parse(serial.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture).ToByteArray(isUnsigned: true, isBigEndian: true);
        return request.Create(signingCa, now.AddDays(-30), now.AddYears(1), serialBytes);
    }

    private static X509Extension Policies(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
        }

        return new X509Extension("2.5.29.32", writer.Encode(), true);
    }
}
