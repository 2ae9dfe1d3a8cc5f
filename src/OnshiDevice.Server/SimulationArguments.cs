namespace OnshiDevice.Server;

/// <summary>
/// The host's own switches, taken out before ASP.NET Core reads the rest: <c>--simulate</c>, <c>--simulate-card NAME</c>
/// and <c>--trust-test-roots</c>.
/// </summary>
internal sealed record SimulationArguments(bool Enabled, string CardName, string[] RemainingArguments, bool TrustsTestRoots = false)
{
    public const string DefaultCard = "standard";

    public static SimulationArguments Parse(IReadOnlyList<string> args, IEnumerable<string> cardNames)
    {
        var enabled = false;
        var trustsTestRoots = false;
        string? card = null;
        var remaining = new List<string>();
        for (var index = 0; index < args.Count; index++)
        {
            switch (args[index])
            {
                case "--simulate":
                    enabled = true;
                    break;
                case TestTrustGuard.Switch:
                    trustsTestRoots = true;
                    break;
                case "--simulate-card":
                    if (index + 1 >= args.Count)
                    {
                        throw new ArgumentException("--simulate-card needs a card name.", nameof(args));
                    }

                    card = args[++index];
                    break;
                default:
                    remaining.Add(args[index]);
                    break;
            }
        }

        if (card is not null && !enabled)
        {
            throw new ArgumentException("--simulate-card is for --simulate.", nameof(args));
        }

        var names = cardNames.ToArray();
        if (card is not null && !names.Contains(card, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown card \"{card}\"; one of: {string.Join(", ", names)}.", nameof(args));
        }

        return new SimulationArguments(enabled, card ?? DefaultCard, remaining.ToArray(), enabled || trustsTestRoots);
    }
}
