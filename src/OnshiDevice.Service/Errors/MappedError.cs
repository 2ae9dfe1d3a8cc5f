using Grpc.Core;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.Errors;

/// <summary>What a failure becomes on the wire: a status code, an ErrorInfo reason and a message safe to show a client.</summary>
public sealed record MappedError(StatusCode Code, ErrorReason Reason, string Message)
{
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The request field at fault, for a google.rpc.BadRequest detail; null when no field is.</summary>
    public string? Field { get; init; }

    /// <summary>Whether the failure is the service's own fault (logged as an error with the exception).</summary>
    public bool IsUnexpected { get; init; }
}
