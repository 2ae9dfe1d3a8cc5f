namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// The keyUsage bits of RFC 5280 §4.2.1.3, numbered like the named bit list (bit 0 = digitalSignature),
/// so the DER bit string maps onto the enum without a translation table.
/// </summary>
[Flags]
public enum KeyUsageFlags
{
    None = 0,
    DigitalSignature = 1 << 0,
    NonRepudiation = 1 << 1,
    KeyEncipherment = 1 << 2,
    DataEncipherment = 1 << 3,
    KeyAgreement = 1 << 4,
    KeyCertSign = 1 << 5,
    CrlSign = 1 << 6,
    EncipherOnly = 1 << 7,
    DecipherOnly = 1 << 8,
}
