namespace OnshiDevice.Server;

/// <summary>
/// The host's own switches, taken out before ASP.NET Core reads the rest: <c>--simulate</c>, <c>--simulate-card NAME</c>
/// and <c>--trust-test-roots</c>. What remains must be settings (<c>--SECTION:KEY=VALUE</c>, <c>--SECTION:KEY VALUE</c>, or
/// one of the host's own keys such as <c>--urls</c>, which the listener plan then judges): ASP.NET Core would silently
/// take a mistyped switch as a setting nobody reads.
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
                        throw new HostUsageException("--simulate-card needs a card name.");
                    }

                    card = args[++index];
                    break;
                default:
                    remaining.Add(args[index]);
                    if (TakesNextAsValue(args[index]))
                    {
                        if (index + 1 >= args.Count)
                        {
                            throw new HostUsageException($"{args[index]} needs a value (--SECTION:KEY=VALUE); onshi-device --help lists the settings.");
                        }

                        remaining.Add(args[++index]);
                    }

                    break;
            }
        }

        if (card is not null && !enabled)
        {
            throw new HostUsageException("--simulate-card is for --simulate.");
        }

        var names = cardNames.ToArray();
        if (card is not null && !names.Contains(card, StringComparer.Ordinal))
        {
            throw new HostUsageException($"unknown card \"{card}\"; one of: {string.Join(", ", names)}.");
        }

        return new SimulationArguments(enabled, card ?? DefaultCard, remaining.ToArray(), enabled || trustsTestRoots);
    }

    /// <summary>The host keys ASP.NET Core reads from the command line without a section (the listener plan refuses the binding ones).</summary>
    private static readonly string[] HostKeys = ["urls", "http_ports", "https_ports", "environment", "applicationName"];

    /// <summary>Whether <paramref name="argument"/> is a setting whose value is the next argument; refuses what is no setting at all.</summary>
    private static bool TakesNextAsValue(string argument)
    {
        var key = argument.StartsWith("--", StringComparison.Ordinal) ? argument[2..]
            : argument.StartsWith('/') ? argument[1..]
            : throw new HostUsageException($"unexpected argument \"{argument}\"; onshi-device --help lists the switches and settings.");
        var equals = key.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? key : key[..equals];
        if (name.Length == 0 || (!name.Contains(':', StringComparison.Ordinal) && !HostKeys.Contains(name, StringComparer.OrdinalIgnoreCase)))
        {
            throw new HostUsageException($"unknown switch \"{argument}\"; onshi-device --help lists the switches and settings.");
        }

        return equals < 0;
    }
}
