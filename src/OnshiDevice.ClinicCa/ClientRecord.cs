namespace OnshiDevice.ClinicCa;

/// <summary>One issued client certificate in the register. <see cref="Serial"/> is upper-case hex, as X509Certificate2 spells it.</summary>
public sealed record ClientRecord(string Name, string Serial, DateTimeOffset IssuedAt, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsRevoked => RevokedAt is not null;
}
