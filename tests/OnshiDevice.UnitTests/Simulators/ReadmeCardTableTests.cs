using System.Text.RegularExpressions;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators;

/// <summary>The README's table of simulated cards says what the catalogue really holds: every card, its PINs and its tries.</summary>
public sealed partial class ReadmeCardTableTests
{
    [Fact]
    public void The_table_lists_every_catalogue_card_once()
    {
        Assert.Equal(VirtualCardCatalog.Names.Order(StringComparer.Ordinal), Rows().Select(row => row.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_My_Number_row_gives_PINs_the_card_accepts_and_its_tries()
    {
        foreach (var row in Rows().Where(row => VirtualCardCatalog.MyNumberNames.Contains(row.Name)))
        {
            var card = VirtualCardCatalog.CreateMyNumber(row.Name);
            Assert.Equal((row.FirstTries, row.SecondTries), (card.AuthPinTriesLeft, card.SigningPasswordTriesLeft));
            card.Reset();
            card.Send(SelectJpki);
            Assert.Equal(row.FirstTries > 0 ? "9000" : "6984", card.Sw(VerifyCommand(0x98, row.FirstPin)));
            Assert.Equal("9000", card.Sw(VerifyCommand(0x9B, row.SecondPin)));
        }
    }

    [Fact]
    public void Each_HPKI_row_gives_the_cards_PIN_and_tries()
    {
        foreach (var row in Rows().Where(row => VirtualCardCatalog.HpkiNames.Contains(row.Name)))
        {
            var card = VirtualCardCatalog.CreateHpki(row.Name);
            Assert.Equal((VirtualHpkiCards.Pin, VirtualHpkiCards.Pin), (row.FirstPin, row.SecondPin));
            Assert.Equal((row.FirstTries, row.SecondTries), (card.SigningPinTriesLeft, card.AuthenticationPinTriesLeft));
        }
    }

    private static List<CardRow> Rows()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        return readme
            .Select(line => RowPattern().Match(line))
            .Where(match => match.Success)
            .Select(match => new CardRow(
                match.Groups["name"].Value,
                match.Groups["pin1"].Value,
                int.Parse(match.Groups["tries1"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["pin2"].Value,
                int.Parse(match.Groups["tries2"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OnshiDevice.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OnshiDevice.sln not found above the test binaries.");
    }

    // | `standard` | My Number | `1234` (3 tries) | `ABC123` (5 tries) | ... |
    [GeneratedRegex(@"^\| `(?<name>[a-z-]+)` \| (My Number|HPKI) \| `(?<pin1>[^`]+)` \((?<tries1>\d+) tr[^|]*\| `(?<pin2>[^`]+)` \((?<tries2>\d+) tr[^|]*\|")]
    private static partial Regex RowPattern();

    private sealed record CardRow(string Name, string FirstPin, int FirstTries, string SecondPin, int SecondTries);
}
