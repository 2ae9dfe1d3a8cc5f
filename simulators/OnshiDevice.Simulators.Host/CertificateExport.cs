using System.Security.Cryptography;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.Simulators.Host;

/// <summary>Writes the test hierarchies as PEM, for QA tools that need the test roots as trust anchors.</summary>
internal static class CertificateExport
{
    public static int Run(DirectoryInfo directory, TextWriter output)
    {
        directory.Create();
        var files = new List<(string Name, byte[] Der)>
        {
            ("jpki-test-auth-ca.pem", TestJpkiHierarchy.Default.AuthCaCertificate),
            ("jpki-test-sign-ca.pem", TestJpkiHierarchy.Default.SigningCaCertificate),
        };
        foreach (var name in VirtualCardCatalog.MyNumberNames)
        {
            var card = VirtualCardCatalog.CreateMyNumber(name);
            files.Add(($"{name}-auth.pem", card.AuthCertificate));
            files.Add(($"{name}-sign.pem", card.SigningCertificate));
        }

        files.Add(("hpki-test-root.pem", TestHpkiHierarchy.Default.RootCertificate));
        files.Add(("hpki-test-signing-ca.pem", TestHpkiHierarchy.Default.SigningCaCertificate));
        files.Add(("hpki-test-auth-ca.pem", TestHpkiHierarchy.Default.AuthenticationCaCertificate));
        foreach (var name in VirtualCardCatalog.HpkiNames)
        {
            var card = VirtualCardCatalog.CreateHpki(name);
            files.Add(($"{name}-auth.pem", card.AuthenticationCertificate));
            files.Add(($"{name}-sign.pem", card.SigningCertificate));
        }

        foreach (var (name, der) in files)
        {
            var path = Path.Combine(directory.FullName, name);
            File.WriteAllText(path, new string(PemEncoding.Write("CERTIFICATE", der)) + "\n");
            output.WriteLine(path);
        }

        return 0;
    }
}
