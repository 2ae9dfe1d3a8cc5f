using Org.BouncyCastle.Asn1;

namespace OnshiDevice.Simulators.Hpki;

/// <summary>
/// The SubjectDirectoryAttributes value that carries an HPKI hcRole (reference A.2.3), built by
/// hand rather than with BouncyCastle's attribute classes so that the encoding is exactly the
/// real certificates' one: for "Medical Doctor" it is the reference's 54-byte golden vector.
/// </summary>
internal static class HcRoleExtension
{
    /// <summary>id-hcpki-at-healthcareactor: the attribute type.</summary>
    public const string HealthcareActorOid = "1.0.17090.0.1";

    /// <summary>id-jhpki-cdata: the Japanese national coding scheme.</summary>
    public const string JapaneseCodingSchemeOid = "1.2.392.100495.1.6.1.1";

    /// <summary>
    /// SEQUENCE { Attribute { type, SET { HCActorData = SET { HCActor = SEQUENCE {
    /// codedData [0] EXPLICIT CodedData = SET { [0] EXPLICIT scheme OID, [2] EXPLICIT UTF8String role } } } } } }.
    /// </summary>
    public static Asn1Encodable SubjectDirectoryAttributes(string role)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        var codedData = new DerSet(
            new DerTaggedObject(true, 0, new DerObjectIdentifier(JapaneseCodingSchemeOid)),
            new DerTaggedObject(true, 2, new DerUtf8String(role)));
        var actor = new DerSequence(new DerTaggedObject(true, 0, codedData));
        var actorData = new DerSet(actor);
        var attribute = new DerSequence(new DerObjectIdentifier(HealthcareActorOid), new DerSet(actorData));
        return new DerSequence(attribute);
    }
}
