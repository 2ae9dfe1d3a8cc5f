namespace OnshiDevice.FaceAuth.Readers;

/// <summary>
/// The consent screens of a check-in, as the qualification result carries them (oqs-and-orca.md B.5: a
/// <c>&lt;X&gt;ConsFlg</c> per topic). The view consents let the clinic see the patient's records; the provision consent
/// lets it receive the high-cost care limit (限度額) information.
/// </summary>
public enum ConsentTopic
{
    /// <summary>薬剤情報 (PharmacistsInfo).</summary>
    Medication = 1,

    /// <summary>特定健診情報 (SpecificHealthCheckupsInfo).</summary>
    SpecificHealthCheckups = 2,

    /// <summary>診療情報 (DiagnosisInfo, 2022-07).</summary>
    DiagnosisAndTreatment = 3,

    /// <summary>手術情報 (OperationInfo, 2022-12).</summary>
    Surgery = 4,

    /// <summary>The 2025-01 additions shown as one screen (DiagnosisName, InfectiousInfo, AllergyInfo, ContraindicationInfo, TestInfo, PrescriptionInfo).</summary>
    ElectronicHealthRecords2025 = 5,

    /// <summary>限度額適用認定証 provision consent (LimitApplicationCertificateRelatedConsFlg).</summary>
    HighCostLimit = 6,
}
