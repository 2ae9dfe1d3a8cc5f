using Xunit.Sdk;

namespace OnshiDevice.IntegrationTests;

/// <summary>The teardown check every host runs: it must fail on an escaped exception and only on that.</summary>
public sealed class ServiceDefectsTests
{
    private const string Escaped =
        "Error Grpc.AspNetCore.Server.ServerCallHandler[6] Error when executing service method 'Verify'. | ServiceMethod=Verify System.InvalidOperationException: boom";

    private const string Unreadable =
        "Error Grpc.AspNetCore.Server.ServerCallHandler[6] Error when executing service method 'VerifyPin'. | ServiceMethod=VerifyPin Google.Protobuf.InvalidProtocolBufferException: Protocol message contained an invalid tag (zero).";

    [Fact]
    public void An_exception_past_the_error_mapping_fails_the_check_and_is_named()
    {
        var failure = Assert.Throws<TrueException>(() => ServiceDefects.AssertNone(["Information started", Escaped], "The log"));

        Assert.Contains("System.InvalidOperationException: boom", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restart_of_the_reader_hub_loop_fails_the_check()
    {
        Assert.Throws<TrueException>(() => ServiceDefects.AssertNone(
            ["Error OnshiDevice.Service.Readers.ReaderHubLoop[0] The reader hub's loop failed with NullReferenceException; it starts over with a new PC/SC context"], "The log"));
    }

    [Fact]
    public void A_request_the_parser_refused_is_not_an_escaped_exception()
    {
        ServiceDefects.AssertNone([Unreadable, "Warning OnshiDevice.Service.Errors.ErrorMappingInterceptor[0] Verify failed with NotFound"], "The log");
    }
}
