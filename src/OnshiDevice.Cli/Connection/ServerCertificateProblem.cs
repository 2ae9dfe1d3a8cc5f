namespace OnshiDevice.Cli.Connection;

/// <summary>Why the CLI refused the certificate the clinic LAN listener presented.</summary>
internal enum ServerCertificateProblem
{
    /// <summary>The listener presented no certificate.</summary>
    None,

    /// <summary>The certificate names other hosts than the one in --address.</summary>
    NameMismatch,

    /// <summary>The certificate is outside its validity period.</summary>
    Expired,

    /// <summary>The certificate does not chain to the clinic CA given (--ca-cert or ca.crt).</summary>
    NotTrusted,
}
