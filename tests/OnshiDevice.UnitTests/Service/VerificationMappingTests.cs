using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Pki;
using OnshiDevice.Service.Certificates;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.UnitTests.Service;

public sealed class VerificationMappingTests
{
    public static TheoryData<FailureReason> Reasons() => new(System.Enum.GetValues<FailureReason>());

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Every_failure_reason_has_its_own_contract_code(FailureReason reason)
    {
        var contract = VerificationMapping.ToContract(reason);

        Assert.NotEqual(VerificationFailureReason.Unspecified, contract);
        Assert.Equal(
            reason.ToString(),
            contract.ToString(),
            StringComparer.Ordinal);
    }

    [Theory]
    [InlineData(OnshiDevice.Contracts.V1.CertificatePurpose.JpkiAuthentication, OnshiDevice.Pki.CertificatePurpose.JpkiAuthentication)]
    [InlineData(OnshiDevice.Contracts.V1.CertificatePurpose.JpkiSigning, OnshiDevice.Pki.CertificatePurpose.JpkiSigning)]
    [InlineData(OnshiDevice.Contracts.V1.CertificatePurpose.HpkiSigning, OnshiDevice.Pki.CertificatePurpose.HpkiSigning)]
    [InlineData(OnshiDevice.Contracts.V1.CertificatePurpose.HpkiAuthentication, OnshiDevice.Pki.CertificatePurpose.HpkiAuthentication)]
    public void Purposes_map_one_to_one(OnshiDevice.Contracts.V1.CertificatePurpose contract, OnshiDevice.Pki.CertificatePurpose domain)
    {
        Assert.Equal(domain, VerificationMapping.ToDomain(contract));
    }

    [Fact]
    public void An_unspecified_purpose_is_refused_before_verification()
    {
        var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.CertificatePurposeOf(OnshiDevice.Contracts.V1.CertificatePurpose.Unspecified));

        Assert.Equal("purpose", refused.Field);
    }

    [Theory]
    [InlineData(-62135596801L, 0)]
    [InlineData(253402300800L, 0)]
    [InlineData(0L, -1)]
    [InlineData(0L, 1_000_000_000)]
    public void Times_outside_the_timestamp_range_are_refused(long seconds, int nanos)
    {
        var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.OptionalTime(new Timestamp { Seconds = seconds, Nanos = nanos }, "at"));

        Assert.Equal("at", refused.Field);
    }

    [Fact]
    public void Too_many_intermediates_or_roles_are_refused()
    {
        var intermediates = Enumerable.Repeat(ByteString.CopyFrom(0x30, 0x00), RequestValidator.MaxIntermediates + 1).ToList();
        var roles = Enumerable.Repeat("Medical Doctor", RequestValidator.MaxHcRoles + 1).ToList();

        Assert.Equal("intermediates", Assert.Throws<RequestValidationException>(() => RequestValidator.Intermediates(intermediates)).Field);
        Assert.Equal("allowed_hc_roles", Assert.Throws<RequestValidationException>(() => RequestValidator.HcRoles(roles)).Field);
        Assert.Equal("allowed_hc_roles[0]", Assert.Throws<RequestValidationException>(() => RequestValidator.HcRoles([" "])).Field);
        Assert.Equal("allowed_hc_roles[1]", Assert.Throws<RequestValidationException>(() => RequestValidator.HcRoles(["Medical Doctor", new string('x', RequestValidator.MaxHcRoleLength + 1)])).Field);
    }
}
