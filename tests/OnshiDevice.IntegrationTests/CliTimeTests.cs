using OnshiDevice.Cli;

namespace OnshiDevice.IntegrationTests;

/// <summary>The one way `onshi` writes times: local zone with its name for people, ISO 8601 with the offset for machines.</summary>
public sealed class CliTimeTests
{
    private static readonly DateTimeOffset Midnight = new(2030, 2, 17, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Asia/Tokyo", "2030-02-17 09:00 JST", "2030-02-17T09:00:00+09:00")]
    [InlineData("UTC", "2030-02-17 00:00 UTC", "2030-02-17T00:00:00+00:00")]
    [InlineData("Europe/Berlin", "2030-02-17 01:00 CET", "2030-02-17T01:00:00+01:00")]
    [InlineData("America/New_York", "2030-02-16 19:00 EST", "2030-02-16T19:00:00-05:00")]
    [InlineData("Etc/GMT-9", "2030-02-17 09:00 UTC+09:00", "2030-02-17T09:00:00+09:00")]
    public void A_time_is_shown_in_the_zone_with_its_name_and_given_to_machines_with_its_offset(string zone, string forPeople, string forMachines)
    {
        var time = new CliTime(TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(forPeople, time.ForPeople(Midnight));
        Assert.Equal(forMachines, time.ForMachines(Midnight));
        Assert.Equal(DateTimeOffset.Parse(forMachines, System.Globalization.CultureInfo.InvariantCulture), Midnight);
    }

    [Fact]
    public void Summer_time_shows_the_summer_name() =>
        Assert.Equal("2030-07-01 02:00 CEST", new CliTime(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).ForPeople(new DateTimeOffset(2030, 7, 1, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void A_watch_line_shows_the_local_time_of_day_with_the_zone()
    {
        var line = OnshiDevice.Cli.Commands.WatchCommand.Describe(
            new OnshiDevice.Contracts.V1.WatchReadersResponse
            {
                Kind = OnshiDevice.Contracts.V1.WatchReadersResponse.Types.Kind.CardInserted,
                Reader = "Reader 0",
                Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Midnight.AddSeconds(5)),
            },
            new CliTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")));

        Assert.StartsWith("09:00:05 JST CARD_INSERTED ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zone_whose_name_is_a_description_is_named_by_its_offset()
    {
        var described = TimeZoneInfo.CreateCustomTimeZone("Somewhere", TimeSpan.FromHours(5.5), "Somewhere Standard Time", "Somewhere Standard Time");

        Assert.Equal("2030-02-17 05:30 UTC+05:30", new CliTime(described).ForPeople(Midnight));
    }

    [Fact]
    public void The_Windows_name_of_Japan_time_is_JST()
    {
        var windows = TimeZoneInfo.CreateCustomTimeZone("Tokyo Standard Time", TimeSpan.FromHours(9), "(UTC+09:00) Osaka, Sapporo, Tokyo", "Tokyo Standard Time");

        Assert.Equal("2030-02-17 09:00 JST", new CliTime(windows).ForPeople(Midnight));
    }
}
