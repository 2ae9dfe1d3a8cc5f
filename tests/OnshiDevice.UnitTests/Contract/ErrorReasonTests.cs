using System.Reflection;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Errors;
using OnshiDevice.UnitTests.Service;

namespace OnshiDevice.UnitTests.Contract;

public sealed class ErrorReasonTests
{
    private static readonly ErrorReason[] Sent = Enum.GetValues<ErrorReason>().Where(reason => reason != ErrorReason.Unspecified).ToArray();

    public static TheoryData<ErrorReason> SentReasons() => new(Sent);

    [Theory]
    [MemberData(nameof(SentReasons))]
    public void The_wire_string_is_the_proto_name_without_its_prefix_and_reads_back(ErrorReason reason)
    {
        var protoName = ErrorsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("ErrorReason")
            .FindValueByNumber((int)reason).Name;

        var wire = reason.ToWire();

        Assert.Equal(protoName, "ERROR_REASON_" + wire);
        Assert.Equal(reason, ContractErrors.FromWire(wire));
    }

    [Fact]
    public void Known_reasons_keep_their_wire_strings()
    {
        Assert.Equal("NO_CARD", ErrorReason.NoCard.ToWire());
        Assert.Equal("PIN_INCORRECT", ErrorReason.PinIncorrect.ToWire());
        Assert.Equal("SECURITY_STATUS_NOT_SATISFIED", ErrorReason.SecurityStatusNotSatisfied.ToWire());
        Assert.Equal("REQUEST_TOO_LARGE", ErrorReason.RequestTooLarge.ToWire());
        Assert.Equal("MALFORMED_REQUEST", ErrorReason.MalformedRequest.ToWire());
        Assert.Equal("DISABLED_BY_CONFIGURATION", ErrorReason.DisabledByConfiguration.ToWire());
    }

    [Theory]
    [InlineData("UNSPECIFIED")]
    [InlineData("ERROR_REASON_NO_CARD")]
    [InlineData("no_card")]
    [InlineData("SERVICE_UNREACHABLE")]
    [InlineData("")]
    [InlineData(null)]
    public void A_string_that_names_no_sent_reason_reads_as_unspecified(string? wire)
    {
        Assert.Equal(ErrorReason.Unspecified, ContractErrors.FromWire(wire));
    }

    [Fact]
    public void Unspecified_is_never_sent()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorReason.Unspecified.ToWire());
    }

    [Theory]
    [MemberData(nameof(ErrorMapperTests.Table), MemberType = typeof(ErrorMapperTests))]
    public void Every_reason_the_mapper_sends_is_an_enum_value(Exception exception, StatusCode code, string reason)
    {
        _ = code;
        var sent = ContractErrors.ErrorInfoOf(ErrorMapper.ToRpcException(exception));

        Assert.NotNull(sent);
        Assert.Equal(reason, sent.Reason);
        Assert.NotEqual(ErrorReason.Unspecified, ContractErrors.FromWire(sent.Reason));
    }

    [Fact]
    public void The_service_reasons_are_exactly_the_enum_values()
    {
        var constants = typeof(ErrorReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(ErrorReason))
            .ToDictionary(field => field.Name, field => (ErrorReason)field.GetValue(null)!);

        Assert.Equal(Sent.Order(), constants.Values.Order());
        Assert.All(constants, constant => Assert.Equal(constant.Value.ToString(), constant.Key));
    }

    [Fact]
    public void Every_reason_and_only_those_are_in_docs_errors_md()
    {
        // The reason column of the table: "| status code | reason | raised by | ...".
        var documented = RepositoryFiles.ReadAllText("docs/ERRORS.md")
            .Split('\n')
            .Where(line => line.StartsWith('|'))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && cells[2].Length > 0 && cells[2].All(c => char.IsAsciiLetterUpper(c) || c == '_'))
            .Select(cells => cells[2])
            .ToList();

        Assert.Equal(documented.Distinct().Count(), documented.Count);
        Assert.Equal(Sent.Select(reason => reason.ToWire()).Order(), documented.Order());
    }
}
