using OnshiDevice.Simulators;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.TestSupport;

/// <summary>The checks every test host runs at teardown: no forbidden card access, no secret in a log line.</summary>
public static class PrivacyTripwires
{
    /// <summary>Fails when any virtual My Number card in this process recorded a privacy violation since the last check.</summary>
    public static void AssertNoCardViolations()
    {
        var violations = PrivacyTripwire.TakeRecorded();
        Assert.True(
            violations.Count == 0,
            $"The product touched what it must never touch on a My Number card:\n  {string.Join("\n  ", violations)}");
    }

    /// <summary>Fails when a line contains a PIN, a password or personal data the scanner knows; names what, never the value.</summary>
    public static void AssertNoSensitiveText(IEnumerable<string> lines, SensitiveTextScanner scanner, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(scanner);
        var leaks = lines
            .Select(line => (Line: line, Found: scanner.Find(line)))
            .Where(entry => entry.Found.Count > 0)
            .Select(entry => $"{string.Join(", ", entry.Found)} in: {Shorten(entry.Line)}")
            .ToList();
        Assert.True(leaks.Count == 0, $"{source} wrote what it must never write:\n  {string.Join("\n  ", leaks.Take(20))}");
    }

    private static string Shorten(string line) => line.Length <= 400 ? line : line[..400] + "...";
}
