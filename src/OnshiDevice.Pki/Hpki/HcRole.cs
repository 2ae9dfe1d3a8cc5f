namespace OnshiDevice.Pki.Hpki;

/// <summary>
/// The HPKI healthcare role (hcRole) from SubjectDirectoryAttributes: the coding scheme
/// (1.2.392.100495.1.6.1.1 for the Japanese national scheme) and the role text, e.g. "Medical Doctor".
/// </summary>
public sealed record HcRole(string CodingScheme, string Text)
{
    public const string AttributeOid = "1.0.17090.0.1";
    public const string NationalCodingScheme = "1.2.392.100495.1.6.1.1";
    public const string MedicalDoctor = "Medical Doctor";
    public const string Dentist = "Dentist";
    public const string Pharmacist = "Pharmacist";
}
