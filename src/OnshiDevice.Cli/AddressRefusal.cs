using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;

namespace OnshiDevice.Cli;

/// <summary>An address onshi will not use (the rule is <see cref="ServiceAddress.Parse"/>'s), worded in the CLI's language as a usage error.</summary>
internal static class AddressRefusal
{
    public static CliException AsUsage(ServiceAddressException refused) => CliException.Usage(refused.Problem switch
    {
        ServiceAddressProblem.NeedsClientCertificate => Text.Format(Errors.AddressNeedsClientCertificate, refused.Value),
        ServiceAddressProblem.ClientCertificateNeedsHttps => Text.Format(Errors.ClientCertificateNeedsHttps, refused.Value),
        ServiceAddressProblem.UnixNeedsAbsolutePath => Text.Format(Errors.AddressUnixNeedsAbsolutePath, refused.Value, LocalEndpoints.SystemSocketPath),
        ServiceAddressProblem.PipeNeedsName => Text.Format(Errors.AddressPipeNeedsName, refused.Value, LocalEndpoints.PipeName),
        ServiceAddressProblem.PlainHttpRefused => Text.Format(Errors.AddressPlainHttpRefused, refused.Value, refused.Host),
        _ => Text.Format(Errors.AddressUnknownForm, refused.Value),
    });
}
