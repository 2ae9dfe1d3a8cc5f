namespace OnshiDevice.Pki.Certificates;

/// <summary>The GeneralName CHOICE (RFC 5280 §4.2.1.6), by its context tag number.</summary>
internal enum GeneralNameKind
{
    OtherName = 0,
    Rfc822Name = 1,
    DnsName = 2,
    X400Address = 3,
    DirectoryName = 4,
    EdiPartyName = 5,
    Uri = 6,
    IpAddress = 7,
    RegisteredId = 8,
}
