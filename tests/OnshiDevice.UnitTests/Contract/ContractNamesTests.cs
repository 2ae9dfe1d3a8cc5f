using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.UnitTests.Contract;

public sealed class ContractNamesTests
{
    [Fact]
    public void Short_names_drop_the_type_prefix_of_top_level_and_nested_enums()
    {
        Assert.Equal("READER_ATTACHED", ContractNames.ShortName(WatchReadersResponse.Types.Kind.ReaderAttached));
        Assert.Equal("PCSC_UNAVAILABLE", ContractNames.ShortName(WatchReadersResponse.Types.Kind.PcscUnavailable));
        Assert.Equal("MALFORMED", ContractNames.ShortName(VerificationFailureReason.Malformed));
        Assert.Equal("HC_ROLE_NOT_ALLOWED", ContractNames.ShortName(VerificationFailureReason.HcRoleNotAllowed));
        Assert.Equal("GOOD", ContractNames.ShortName(RevocationStatus.Good));
        Assert.Equal("MY_NUMBER", ContractNames.ShortName(CardType.MyNumber));
        Assert.Equal("JPKI_AUTH_PIN", ContractNames.ShortName(PinKind.JpkiAuthPin));
        Assert.Equal("JPKI_SIGNING_CA", ContractNames.ShortName(CertificateKind.JpkiSigningCa));
        Assert.Equal("HPKI_AUTH_KEY", ContractNames.ShortName(KeyKind.HpkiAuthKey));
        Assert.Equal("JPKI_AUTHENTICATION", ContractNames.ShortName(CertificatePurpose.JpkiAuthentication));
        Assert.Equal("VISUAL_CHECK", ContractNames.ShortName(CheckInMethod.VisualCheck));
        Assert.Equal("CARD_REMOVED", ContractNames.ShortName(CheckInFailureReason.CardRemoved));
        Assert.Equal("ELECTRONIC_HEALTH_RECORDS_2025", ContractNames.ShortName(ConsentTopic.ElectronicHealthRecords2025));
    }

    [Fact]
    public void A_value_the_contract_does_not_define_is_written_as_its_number()
    {
        Assert.Equal("99", ContractNames.ShortName((VerificationFailureReason)99));
    }

    [Fact]
    public void Every_value_of_every_contract_enum_reads_back_from_its_short_name()
    {
        AssertRoundTrip<CardType>();
        AssertRoundTrip<PinKind>();
        AssertRoundTrip<CertificateKind>();
        AssertRoundTrip<KeyKind>();
        AssertRoundTrip<CertificatePurpose>();
        AssertRoundTrip<VerificationFailureReason>();
        AssertRoundTrip<RevocationStatus>();
        AssertRoundTrip<WatchReadersResponse.Types.Kind>();
        AssertRoundTrip<ErrorReason>();
        AssertRoundTrip<CheckInMethod>();
        AssertRoundTrip<FaceCaptureOutcome>();
        AssertRoundTrip<SecretCheckOutcome>();
        AssertRoundTrip<CardFaceSignature>();
        AssertRoundTrip<ConsentTopic>();
        AssertRoundTrip<ConsentAnswer>();
        AssertRoundTrip<ChipKey>();
        AssertRoundTrip<CheckInFailureReason>();
        AssertRoundTrip<CheckInStep>();
        AssertRoundTrip<CheckInCancelledBy>();
    }

    [Fact]
    public void An_enum_outside_the_contract_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ContractNames.ShortName(DayOfWeek.Monday));
    }

    private static void AssertRoundTrip<TEnum>()
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        Assert.Equal(values.Length, ContractNames.ShortNames<TEnum>().Count);
        foreach (var value in values)
        {
            Assert.True(ContractNames.TryParseShortName(ContractNames.ShortName(value), out TEnum parsed));
            Assert.Equal(value, parsed);
        }
    }
}
