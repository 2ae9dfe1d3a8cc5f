using Google.Protobuf;
using Google.Protobuf.Reflection;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Callers;

namespace OnshiDevice.UnitTests.Service;

public sealed class PinBearingRequestsTests
{
    public static TheoryData<IMessage, bool> Requests() => new()
    {
        { new VerifyPinRequest { Reader = "r", PinKind = PinKind.JpkiAuthPin, Pin = "1234" }, true },
        { new VerifyPinRequest { Reader = "r", PinKind = PinKind.JpkiAuthPin, Pin = "1234", AllowLastTry = true }, true },
        { new SignRequest { Reader = "r", Key = KeyKind.JpkiAuthKey, Pin = "1234" }, true },
        { new SignRequest { Reader = "r" }, true },
        { new ReadCertificateRequest { Reader = "r", Kind = CertificateKind.JpkiSigning, Pin = "ABC123" }, true },
        { new ReadCertificateRequest { Reader = "r", Kind = CertificateKind.JpkiAuth }, false },
        { new VerifyPinRequest { Reader = "r", PinKind = PinKind.JpkiAuthPin }, false },
        { new GetPinStatusRequest { Reader = "r", PinKind = PinKind.JpkiAuthPin }, false },
        { new IdentifyCardRequest { Reader = "r" }, false },
        { new ListReadersRequest(), false },
        { new WatchReadersRequest(), false },
        { new VerifyRequest(), false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_carrying_a_pin_or_naming_a_private_key_is_pin_bearing(IMessage request, bool expected)
    {
        Assert.Equal(expected, PinBearingRequests.Carries(request));
    }

    [Fact]
    public void Every_request_of_the_contract_with_a_pin_or_a_key_field_is_covered()
    {
        // The rule reads descriptors; this pins which request types it reaches today, so a new one is a conscious change.
        var services = new[] { CardsReflection.Descriptor, ReadersReflection.Descriptor, CertificatesReflection.Descriptor }.SelectMany(file => file.Services);
        var withSecrets = services.SelectMany(service => service.Methods).Select(method => method.InputType)
            .Where(type => type.Fields.InFieldNumberOrder().Any(field => field.Name == "pin" || (field.FieldType == FieldType.Enum && field.EnumType.Name == nameof(KeyKind))))
            .Select(type => type.Name).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["ReadCertificateRequest", "SignRequest", "VerifyPinRequest"], withSecrets);
    }

    [Fact]
    public void A_stream_of_requests_that_may_carry_a_secret_at_any_depth_needs_an_authenticated_caller()
    {
        Assert.True(PinBearingRequests.MayCarry<AttendCheckInsRequest>());
        Assert.True(PinBearingRequests.MayCarry<SignRequest>());
        Assert.False(PinBearingRequests.MayCarry<WatchCheckInsRequest>());
        Assert.False(PinBearingRequests.MayCarry<ListFaceReadersRequest>());
        Assert.False(PinBearingRequests.MayCarry<VerifyRequest>());
    }

    [Fact]
    public void A_type_without_a_descriptor_is_judged_as_carrying_a_secret()
    {
        Assert.True(PinBearingRequests.MayCarry<string>());
    }
}
