using System.Globalization;

namespace OnshiDevice.Cli;

/// <summary>
/// How `onshi` writes a time, in every command: for people in the local time zone with its name
/// ("2030-02-17 09:00 JST"), for machines (<c>--json</c>) as ISO 8601 with the offset
/// ("2030-02-17T09:00:00+09:00"). The zone is the machine's (<see cref="TimeZoneInfo.Local"/>) unless a test gives one.
/// </summary>
internal sealed class CliTime
{
    // Windows names its zones by description; the one zone every clinic PC here uses gets its usual abbreviation.
    private static readonly Dictionary<string, string> WindowsAbbreviations = new(StringComparer.Ordinal)
    {
        ["Tokyo Standard Time"] = "JST",
    };

    private readonly TimeZoneInfo _zone;

    public CliTime(TimeZoneInfo zone)
    {
        _zone = zone;
    }

    /// <summary>Date and minute with the zone's name: "2030-02-17 09:00 JST".</summary>
    public string ForPeople(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, _zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} {ZoneName(local)}");
    }

    /// <summary>The time of day to the second with the zone's name, for event lines: "09:00:05 JST".</summary>
    public string ClockForPeople(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, _zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:HH:mm:ss} {ZoneName(local)}");
    }

    /// <summary>ISO 8601 to the second with the local offset: "2030-02-17T09:00:00+09:00".</summary>
    public string ForMachines(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, _zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// The zone's abbreviation where the system has one (tzdata: JST, CET, CEST), "UTC" for UTC, else the offset
    /// ("UTC+09:00") rather than a long description.
    /// </summary>
    private string ZoneName(DateTimeOffset local)
    {
        var name = _zone.IsDaylightSavingTime(local) ? _zone.DaylightName : _zone.StandardName;
        if (WindowsAbbreviations.TryGetValue(name, out var abbreviation))
        {
            return abbreviation;
        }

        if (name.Length is > 0 and <= 6 && name.All(char.IsAsciiLetterUpper))
        {
            return name;
        }

        return local.Offset == TimeSpan.Zero
            ? "UTC"
            : string.Create(CultureInfo.InvariantCulture, $"UTC{(local.Offset < TimeSpan.Zero ? "-" : "+")}{local.Offset:hh\\:mm}");
    }
}
