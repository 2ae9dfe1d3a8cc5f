namespace OnshiDevice.ClinicCa;

/// <summary>Whether a presented client certificate is let in: the client's name, or why not (for the log, never for the peer).</summary>
public sealed record ClientVerdict(bool Accepted, string ClientName, string Reason)
{
    public static ClientVerdict Accept(string name) => new(true, name, "");

    public static ClientVerdict Refuse(string reason) => new(false, "", reason);
}
