using OnshiDevice.Contracts;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Service.CheckIns;
using V1 = OnshiDevice.Contracts.V1;

namespace OnshiDevice.UnitTests.Service.CheckIns;

/// <summary>The contract's check-in enums number their values as the face-auth layer does, name for name, so values map by number.</summary>
public sealed class CheckInMappingTests
{
    [Fact]
    public void Every_face_auth_enum_value_has_the_contract_value_of_its_name()
    {
        AssertSameNamed<CheckInMethod, V1.CheckInMethod>();
        AssertSameNamed<FaceCaptureOutcome, V1.FaceCaptureOutcome>();
        AssertSameNamed<SecretCheckOutcome, V1.SecretCheckOutcome>();
        AssertSameNamed<ConsentTopic, V1.ConsentTopic>();
        AssertSameNamed<ConsentAnswer, V1.ConsentAnswer>();
        AssertSameNamed<ChipKey, V1.ChipKey>();
        AssertSameNamed<CardFaceSignature, V1.CardFaceSignature>();
        AssertSameNamed<CheckInFailureReason, V1.CheckInFailureReason>();
        AssertSameNamed<CheckInState, V1.CheckInStep>();
        AssertSameNamed<CheckInCancelledBy, V1.CheckInCancelledBy>();
    }

    private static void AssertSameNamed<TDomain, TContract>()
        where TDomain : struct, Enum
        where TContract : struct, Enum
    {
        var domain = Enum.GetValues<TDomain>();

        // Every contract value but UNSPECIFIED has its domain value: nothing the contract names goes unmapped.
        Assert.Equal(Enum.GetValues<TContract>().Length - 1, domain.Length);
        foreach (var value in domain)
        {
            var mapped = CheckInMapping.Same<TContract>(value);
            Assert.Equal(ScreamingSnake(value.ToString()), ContractNames.ShortName(mapped));
        }
    }

    private static string ScreamingSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && (char.IsUpper(c) || (char.IsDigit(c) && !char.IsDigit(pascal[i - 1]))) ? "_" + c : c.ToString())).ToUpperInvariant();
}
