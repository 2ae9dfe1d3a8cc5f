using OnshiDevice.Cli.Connection;
using OnshiDevice.Contracts;

namespace OnshiDevice.Cli;

/// <summary>What a failed connection's one line is made from: where the CLI went and what its TLS side saw.</summary>
/// <param name="Address">The address it connected to.</param>
/// <param name="ServerCertificateProblem">Why the CLI refused the service's certificate; null when it did not (or there was no TLS).</param>
/// <param name="ClientCertificateExpiry">When the client certificate presented expires; null without one.</param>
internal sealed record ConnectionAttempt(ServiceAddress Address, ServerCertificateProblem? ServerCertificateProblem, DateTimeOffset? ClientCertificateExpiry);
