using OnshiDevice.Server;

namespace OnshiDevice.IntegrationTests;

public sealed class SimulationArgumentsTests
{
    private static readonly string[] Cards = ["standard", "hpki-doctor"];

    [Fact]
    public void Simulate_alone_puts_the_standard_card_in()
    {
        var parsed = SimulationArguments.Parse(["--simulate", "--urls", "x"], Cards);

        Assert.True(parsed.Enabled);
        Assert.Equal("standard", parsed.CardName);
        Assert.Equal(["--urls", "x"], parsed.RemainingArguments);
    }

    [Fact]
    public void Simulate_card_picks_a_card_and_is_taken_out_of_the_arguments()
    {
        var parsed = SimulationArguments.Parse(["--simulate-card", "hpki-doctor", "--simulate"], Cards);

        Assert.Equal("hpki-doctor", parsed.CardName);
        Assert.Empty(parsed.RemainingArguments);
    }

    [Theory]
    [InlineData("needs a card name", "--simulate", "--simulate-card")]
    [InlineData("unknown card \"gold-card\"; one of: standard, hpki-doctor", "--simulate", "--simulate-card", "gold-card")]
    [InlineData("is for --simulate", "--simulate-card", "hpki-doctor")]
    public void Bad_simulation_switches_are_refused_with_a_message(string expected, params string[] args)
    {
        var refused = Assert.Throws<HostUsageException>(() => SimulationArguments.Parse(args, Cards));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_simulate_nothing_is_taken()
    {
        var parsed = SimulationArguments.Parse(["--OnshiDevice:Listeners:Loopback=http://127.0.0.1:1"], Cards);

        Assert.False(parsed.Enabled);
        Assert.Equal(["--OnshiDevice:Listeners:Loopback=http://127.0.0.1:1"], parsed.RemainingArguments);
    }
}
