using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnshiDevice.ClinicCa;

/// <summary>
/// The register of issued client certificates (clients.json): who was issued which serial, and which are revoked.
/// It is written whole and atomically (a temporary file renamed over it), so a reader never sees half a file.
/// </summary>
public sealed class ClientRegister
{
    /// <summary>A register larger than this is not one <c>client issue</c> wrote (about 150 bytes a client).</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    public ClientRegister(IReadOnlyList<ClientRecord> clients)
    {
        Clients = clients;
    }

    public IReadOnlyList<ClientRecord> Clients { get; }

    public static ClientRegister Empty { get; } = new([]);

    /// <summary>The register in the file, or an empty one when the file does not exist yet.</summary>
    public static ClientRegister Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        PrivateFiles.EnsureOwnerOnly(path);
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new ClinicCaException($"{path} is larger than {MaxFileBytes} bytes; it is not a client register");
        }

        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(path), RegisterJson.Default.RegisterDocument);
            if (document?.Clients is not { } clients || clients.Any(client => client is null || string.IsNullOrEmpty(client.Name) || string.IsNullOrEmpty(client.Serial)))
            {
                throw new ClinicCaException($"{path} is not a client register (no client list, or a client without name or serial)");
            }

            return new ClientRegister(clients);
        }
        catch (JsonException invalid)
        {
            throw new ClinicCaException($"{path} is not a client register: {invalid.Message}", invalid);
        }
    }

    public void Save(string path) =>
        PrivateFiles.Write(path, JsonSerializer.SerializeToUtf8Bytes(new RegisterDocument { Clients = [.. Clients] }, RegisterJson.Default.RegisterDocument));

    public ClientRegister With(ClientRecord client) => new([.. Clients, client]);

    /// <summary>Revokes every certificate of the name that is not revoked yet; none is an error.</summary>
    public ClientRegister Revoke(ClientName name, DateTimeOffset now, out IReadOnlyList<ClientRecord> revoked)
    {
        ArgumentNullException.ThrowIfNull(name);
        var changed = new List<ClientRecord>();
        var clients = Clients.Select(client =>
        {
            if (client.Name != name.Value || client.IsRevoked)
            {
                return client;
            }

            var revokedNow = client with { RevokedAt = now };
            changed.Add(revokedNow);
            return revokedNow;
        }).ToList();
        if (changed.Count == 0)
        {
            throw new ClinicCaException(Clients.Any(client => client.Name == name.Value)
                ? $"client {name} is revoked already"
                : $"no client named {name}; `onshi-device client list` shows the issued ones");
        }

        revoked = changed;
        return new ClientRegister(clients);
    }

    /// <summary>Whether the serial (upper-case hex) is revoked, or was never issued by this CA's register.</summary>
    public bool IsRevokedOrUnknown(string serial)
    {
        foreach (var client in Clients)
        {
            if (string.Equals(client.Serial, serial, StringComparison.OrdinalIgnoreCase))
            {
                return client.IsRevoked;
            }
        }

        return true;
    }

    internal sealed class RegisterDocument
    {
        public List<ClientRecord>? Clients { get; set; }
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ClientRegister.RegisterDocument))]
internal sealed partial class RegisterJson : JsonSerializerContext;
