namespace OnshiDevice.Contracts;

/// <summary>Why <see cref="ServiceAddress.Parse"/> refused an address.</summary>
public enum ServiceAddressProblem
{
    UnknownForm,
    UnixNeedsAbsolutePath,
    PipeNeedsName,
    PlainHttpRefused,
    NeedsClientCertificate,
    ClientCertificateNeedsHttps,
}
