namespace OnshiDevice.Simulators.Hpki;

/// <summary>
/// The synthetic health professional a test HPKI card belongs to: the Latin name and id the
/// subject carries (<c>CN</c>, <c>serialNumber</c>) and the hcRole text (reference A.2.2, A.2.3).
/// None of it is a real person's data.
/// </summary>
public sealed record HpkiHolder(string NameInLatin, string Id, string Role)
{
    public const string MedicalDoctor = "Medical Doctor";
    public const string Pharmacist = "Pharmacist";

    public static HpkiHolder TestDoctor { get; } = new("SHIKEN ISHI", "TESTD00001", MedicalDoctor);

    public static HpkiHolder TestPharmacist { get; } = new("SHIKEN YAKUZAISHI", "TESTP00001", Pharmacist);
}
