namespace OnshiDevice.Simulators.Host;

/// <summary>Writes the simulated trust configuration (anchors, intermediates, fresh CRLs) for a test setup of the product.</summary>
internal static class TrustExport
{
    public static int Run(DirectoryInfo directory, TextWriter output)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var path in SimulatedTrust.WriteTo(directory.FullName, now))
        {
            output.WriteLine(path);
        }

        output.WriteLine($"CRLs valid until {(now + SimulatedTrust.CrlLifetime).ToString("u", System.Globalization.CultureInfo.InvariantCulture)}; "
            + $"accept the test policy {string.Join(", ", SimulatedTrust.TestPolicyOids)} for the JPKI purposes");
        return 0;
    }
}
