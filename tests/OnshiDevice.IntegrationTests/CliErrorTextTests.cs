using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Cli;
using OnshiDevice.Cli.Connection;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// The one line a failed call becomes (docs/ERRORS.md "CLI"): the reason's text in the CLI's language with its
/// metadata, the reason code kept at the end; a connection that failed names its cause.
/// </summary>
public sealed class CliErrorTextTests
{
    private static readonly string NoSocket = Path.Combine(Path.GetTempPath(), $"onshi-no-socket-{Guid.NewGuid():N}.sock");

    public static TheoryData<string> EveryReason()
    {
        var data = new TheoryData<string>();
        foreach (var reason in System.Enum.GetValues<ErrorReason>().Where(reason => reason != ErrorReason.Unspecified))
        {
            data.Add(reason.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void Every_reason_has_a_text_in_english_and_in_japanese(string name)
    {
        var reason = System.Enum.Parse<ErrorReason>(name);

        var english = InCulture(CliLanguage.English, () => CliContext.DescribeError(Failure(reason, "the service's message")));
        var japanese = InCulture(CliLanguage.Japanese, () => CliContext.DescribeError(Failure(reason, "the service's message")));

        Assert.EndsWith($" [{reason.ToWire()}]", english, StringComparison.Ordinal);
        Assert.EndsWith($" [{reason.ToWire()}]", japanese, StringComparison.Ordinal);
        Assert.StartsWith("エラー: ", japanese, StringComparison.Ordinal);
        Assert.NotEqual(english, japanese);
    }

    [Theory]
    [InlineData("en", "PIN_INCORRECT", "tries_left", "2", "error: The PIN is incorrect; 2 tries left. [PIN_INCORRECT]")]
    [InlineData("ja", "PIN_INCORRECT", "tries_left", "2", "エラー: 暗証番号が違います。残りの試行回数は 2 回です。 [PIN_INCORRECT]")]
    [InlineData("en", "PIN_INCORRECT", "tries_left", "unknown", "error: The PIN is incorrect; the card does not say how many tries are left. [PIN_INCORRECT]")]
    [InlineData("en", "READER_NOT_FOUND", "readers", "Card Reader\nEmpty Reader", "error: There is no reader of that name; the readers are: Card Reader, Empty Reader. [READER_NOT_FOUND]")]
    [InlineData("en", "READER_NOT_FOUND", "readers", "", "error: There is no reader of that name; no reader is connected. [READER_NOT_FOUND]")]
    [InlineData("en", "UNSUPPORTED_CARD", "card_type", "HPKI", "error: The card on the reader is an HPKI card; it does not hold the application this call needs. [UNSUPPORTED_CARD]")]
    [InlineData("ja", "UNSUPPORTED_CARD", "card_type", "MY_NUMBER", "エラー: リーダーのカードはマイナンバーカードです。この操作に必要なアプリケーションがありません。 [UNSUPPORTED_CARD]")]
    [InlineData("ja", "UNSUPPORTED_CARD", "card_type", "UNKNOWN", "エラー: リーダーのカードは不明なカードです。この操作に必要なアプリケーションがありません。 [UNSUPPORTED_CARD]")]
    [InlineData("ja", "UNSUPPORTED_CARD", "card_type", "SOMETHING_NEWER", "エラー: リーダーのカードは不明なカードです。この操作に必要なアプリケーションがありません。 [UNSUPPORTED_CARD]")]
    [InlineData("en", "DISABLED_BY_CONFIGURATION", "setting", "OnshiDevice:AllowJpkiSigningCertificateRead", "error: The service's configuration turns this call off; to allow it, set OnshiDevice:AllowJpkiSigningCertificateRead=true in the service's configuration. [DISABLED_BY_CONFIGURATION]")]
    public void The_metadata_is_part_of_the_text(string language, string reason, string key, string value, string expected)
    {
        var failure = Failure(ContractErrors.FromWire(reason), "the service's message", (key, value));

        var line = InCulture(language == "ja" ? CliLanguage.Japanese : CliLanguage.English, () => CliContext.DescribeError(failure));

        Assert.Equal(expected, line);
    }

    [Fact]
    public void Without_metadata_the_reason_has_its_plain_text()
    {
        Assert.Equal("error: There is no reader of that name; list the readers with `onshi readers`. [READER_NOT_FOUND]", CliContext.DescribeError(Failure(ErrorReason.ReaderNotFound, "x")));
        Assert.Equal("error: The card on the reader does not hold the application this call needs. [UNSUPPORTED_CARD]", CliContext.DescribeError(Failure(ErrorReason.UnsupportedCard, "x")));
    }

    [Fact]
    public void A_reason_this_cli_does_not_know_is_shown_with_the_services_message()
    {
        var status = new Google.Rpc.Status { Code = (int)StatusCode.Unavailable, Message = "Something newer happened.", Details = { Any.Pack(new ErrorInfo { Domain = ContractErrors.Domain, Reason = "SOMETHING_NEWER" }) } };

        Assert.Equal("error: Something newer happened. [SOMETHING_NEWER]", CliContext.DescribeError(status.ToRpcException()));
    }

    [Theory]
    [InlineData("LINUX", "en", "sudo systemctl start pcscd.socket")]
    [InlineData("LINUX", "ja", "sudo systemctl start pcscd.socket")]
    [InlineData("WINDOWS", "en", "sc start SCardSvr")]
    [InlineData("WINDOWS", "ja", "sc start SCardSvr")]
    [InlineData("OSX", "en", "built into macOS")]
    [InlineData("OSX", "ja", "macOS に組み込まれて")]
    [InlineData("FREEBSD", "en", "pcscd")]
    public void Pcsc_unavailable_says_how_to_start_pcsc_on_the_system(string system, string language, string expected)
    {
        var text = InCulture(language == "ja" ? CliLanguage.Japanese : CliLanguage.English, () => ServiceErrorText.PcscUnavailable(OSPlatform.Create(system)));

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pcsc_unavailable_from_the_service_gives_the_advice_of_this_system()
    {
        var line = CliContext.DescribeError(Failure(ErrorReason.PcscUnavailable, "The PC/SC service is not available."));

        Assert.Contains(OperatingSystem.IsWindows() ? "sc start SCardSvr" : OperatingSystem.IsMacOS() ? "macOS" : "pcscd", line, StringComparison.Ordinal);
        Assert.EndsWith("[PCSC_UNAVAILABLE]", line, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ConnectionFailures() => new()
    {
        { "socket-access-denied", $"permission denied on {NoSocket}: the service lets in its owner and the socket's group" },
        { "socket-refused", $"there is no socket {NoSocket}" },
        { "tcp-refused", "nothing listens at http://127.0.0.1:50151 (connection refused)" },
        { "host-unknown", "https://clinic-pc:50152: the host name is not known" },
        { "tls-name", "TLS: the service's certificate does not name clinic-pc" },
        { "tls-trust", "TLS: the service's certificate is not of the clinic CA given" },
        { "tls-expired", "TLS: the service's certificate has expired" },
        { "tls-client-expired", "TLS: the service refused the client certificate: it expired on 2020-01-01" },
        { "tls-client-refused", "TLS: the service refused the client certificate (revoked, not in its register, or of another clinic's CA)" },
    };

    [Theory]
    [MemberData(nameof(ConnectionFailures))]
    public void A_connection_that_failed_names_its_cause_and_what_to_do(string failure, string expected)
    {
        var socket = ServiceAddress.Parse($"unix:{NoSocket}");
        var loopback = ServiceAddress.Parse("127.0.0.1:50151");
        var lan = ServiceAddress.Parse("clinic-pc:50152", hasClientCertificate: true);
        var valid = DateTimeOffset.UtcNow.AddYears(1);
        var (cause, attempt) = failure switch
        {
            "socket-access-denied" => ((Exception)new SocketException((int)SocketError.AccessDenied), new ConnectionAttempt(socket, null, null)),
            "socket-refused" => (new SocketException((int)SocketError.ConnectionRefused), new ConnectionAttempt(socket, null, null)),
            "tcp-refused" => (new SocketException((int)SocketError.ConnectionRefused), new ConnectionAttempt(loopback, null, null)),
            "host-unknown" => (new SocketException((int)SocketError.HostNotFound), new ConnectionAttempt(lan, null, valid)),
            "tls-name" => (new AuthenticationException("rejected"), new ConnectionAttempt(lan, ServerCertificateProblem.NameMismatch, valid)),
            "tls-trust" => (new AuthenticationException("rejected"), new ConnectionAttempt(lan, ServerCertificateProblem.NotTrusted, valid)),
            "tls-expired" => (new AuthenticationException("rejected"), new ConnectionAttempt(lan, ServerCertificateProblem.Expired, valid)),
            "tls-client-expired" => (new IOException("alert"), new ConnectionAttempt(lan, null, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))),
            _ => (new IOException("The decryption operation failed."), new ConnectionAttempt(lan, null, valid)),
        };
        var rpc = new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "Error connecting to subchannel.", new HttpRequestException("failed", cause)));

        var line = CliContext.DescribeError(rpc, attempt);

        Assert.Equal($"error: {expected}", line[..(expected.Length + 7)]);
        Assert.EndsWith("[SERVICE_UNREACHABLE]", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
    }

    private static RpcException Failure(ErrorReason reason, string message, params (string Key, string Value)[] metadata)
    {
        var info = new ErrorInfo { Domain = ContractErrors.Domain, Reason = reason.ToWire() };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        return new Google.Rpc.Status { Code = (int)StatusCode.FailedPrecondition, Message = message, Details = { Any.Pack(info) } }.ToRpcException();
    }

    private static string InCulture(CultureInfo culture, Func<string> describe)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return describe();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
