using Grpc.AspNetCore.HealthChecks;
using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.Health;

/// <summary>
/// The names grpc.health.v1.Health answers for and the checks behind each: a service name is
/// NOT_SERVING when a part it needs is down (docs/ERRORS.md, "Health").
/// </summary>
internal static class ServiceHealth
{
    /// <summary>The check that PC/SC answers (<see cref="PcscHealthCheck"/>).</summary>
    public const string PcscCheck = "pcsc";

    /// <summary>The check that certificates can be verified (<see cref="PkiHealthCheck"/>).</summary>
    public const string TrustCheck = "pki";

    /// <summary>The check that every configured face reader is connected (<see cref="FaceReadersHealthCheck"/>).</summary>
    public const string FaceReadersCheck = "face-readers";

    /// <summary>The blank name: the service as a whole.</summary>
    public const string WholeService = "";

    /// <summary>Each health name with the checks it needs.</summary>
    public static IReadOnlyDictionary<string, string[]> ChecksByName { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // The whole service is down when PC/SC is, as before: without trust it still serves cards,
        // and Certificates says so on its own name.
        [WholeService] = [PcscCheck],
        [Contract.Readers.Descriptor.FullName] = [PcscCheck],
        [Contract.Cards.Descriptor.FullName] = [PcscCheck],
        [Contract.Certificates.Descriptor.FullName] = [TrustCheck],
        [Contract.CheckIn.Descriptor.FullName] = [FaceReadersCheck],
    };

    public static void Map(GrpcHealthChecksOptions options)
    {
        // Mapping the blank name replaces the package's default for it (every check).
        foreach (var (name, checks) in ChecksByName)
        {
            options.Services.Map(name, check => checks.Contains(check.Name, StringComparer.Ordinal));
        }
    }
}
