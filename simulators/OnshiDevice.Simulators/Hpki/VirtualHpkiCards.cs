namespace OnshiDevice.Simulators.Hpki;

/// <summary>
/// The ready-made HPKI test cards, issued from the deterministic <see cref="TestHpkiHierarchy.Default"/>.
/// Every call returns a fresh card (full state, fresh counters); certificates and keys are the same
/// bytes on every call and every run. Both applications get the same PIN, <see cref="Pin"/>
/// (whether the real card's two applications share one PIN is UNCONFIRMED, reference A.1.4).
/// </summary>
public static class VirtualHpkiCards
{
    public const string Pin = "5678";

    /// <summary>Validity of the current cards: five years from 2025-04-01.</summary>
    public static readonly DateTime ValidFrom = new(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime ValidUntil = new(2030, 3, 31, 14, 59, 59, DateTimeKind.Utc);

    /// <summary>Validity of <see cref="Expired"/>: ended in 2022.</summary>
    public static readonly DateTime ExpiredFrom = new(2017, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime ExpiredUntil = new(2022, 3, 31, 14, 59, 59, DateTimeKind.Utc);

    /// <summary>When the <see cref="Revoked"/> card's certificates were revoked, as the CRLs of <see cref="SimulatedTrust"/> say.</summary>
    public static readonly DateTimeOffset RevokedAt = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static HpkiCardCredentials DoctorCredentials => Credentials("doctor", HpkiHolder.TestDoctor, ValidFrom, ValidUntil);

    public static HpkiCardCredentials PharmacistCredentials => Credentials("pharmacist", HpkiHolder.TestPharmacist, ValidFrom, ValidUntil);

    public static HpkiCardCredentials ExpiredCredentials =>
        Credentials("expired", new HpkiHolder("SHIKEN KIGENGIRE", "TESTD00002", HpkiHolder.MedicalDoctor), ExpiredFrom, ExpiredUntil);

    public static HpkiCardCredentials RevokedCredentials =>
        Credentials("revoked", new HpkiHolder("SHIKEN SHIKKOU", "TESTD00003", HpkiHolder.MedicalDoctor), ValidFrom, ValidUntil);

    public static HpkiCardCredentials OneTryFromBlockingCredentials =>
        Credentials("one-try", new HpkiHolder("SHIKEN ATOICHIDO", "TESTD00004", HpkiHolder.MedicalDoctor), ValidFrom, ValidUntil);

    /// <summary>A doctor's card: role "Medical Doctor", valid 2025-2030, 15 tries on each PIN.</summary>
    public static VirtualHpkiCard Doctor() => Fresh(DoctorCredentials);

    /// <summary>A pharmacist's card: role "Pharmacist".</summary>
    public static VirtualHpkiCard Pharmacist() => Fresh(PharmacistCredentials);

    /// <summary>A doctor's card whose certificates expired on <see cref="ExpiredUntil"/>.</summary>
    public static VirtualHpkiCard Expired() => Fresh(ExpiredCredentials);

    /// <summary>A doctor's card whose two certificates the CRLs written by <see cref="SimulatedTrust"/> list as revoked.</summary>
    public static VirtualHpkiCard Revoked() => Fresh(RevokedCredentials);

    /// <summary>A doctor's card with one try left on each PIN: the next wrong PIN blocks.</summary>
    public static VirtualHpkiCard OneTryFromBlocking() => new(OneTryFromBlockingCredentials, Pin, Pin, 1, 1);

    /// <summary>
    /// The doctor's card, but refusing the data-less VERIFY (with <c>6700</c> unless told otherwise), so
    /// that the product's "tries unknown" path can be tested.
    /// </summary>
    public static VirtualHpkiCard WithoutRetryCounterQuery(HpkiRetryCounterQuery refusal = HpkiRetryCounterQuery.RejectedAsWrongLength)
    {
        if (refusal == HpkiRetryCounterQuery.Answered)
        {
            throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Choose one of the refusals.");
        }

        return new(DoctorCredentials, Pin, Pin, VirtualHpkiCard.MaximumTries, VirtualHpkiCard.MaximumTries, refusal);
    }

    /// <summary>A doctor's card with chosen PINs and counters, for tests that need other values.</summary>
    public static VirtualHpkiCard Custom(string signingPin, string authenticationPin, int signingTriesLeft, int authenticationTriesLeft)
    {
        ArgumentNullException.ThrowIfNull(signingPin);
        ArgumentNullException.ThrowIfNull(authenticationPin);
        return new(DoctorCredentials, signingPin, authenticationPin, signingTriesLeft, authenticationTriesLeft);
    }

    private static VirtualHpkiCard Fresh(HpkiCardCredentials credentials) =>
        new(credentials, Pin, Pin, VirtualHpkiCard.MaximumTries, VirtualHpkiCard.MaximumTries);

    private static HpkiCardCredentials Credentials(string label, HpkiHolder holder, DateTime notBefore, DateTime notAfter) =>
        TestHpkiHierarchy.Default.Card(label, holder, notBefore, notAfter);
}
