using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli;

/// <summary>What one command invocation needs: clients for the address given, the reader, the deadline, the console.</summary>
internal sealed class CliContext
{
    /// <summary>The CLI's own reason for a call that never reached the service; the service never sends it.</summary>
    public const string ServiceUnreachableReason = "SERVICE_UNREACHABLE";

    private readonly string? _reader;
    private readonly int _timeoutSeconds;

    public CliContext(GrpcChannel channel, CliIo io, string? reader, int timeoutSeconds)
    {
        Io = io;
        _reader = reader;
        _timeoutSeconds = timeoutSeconds;
        Readers = new Readers.ReadersClient(channel);
        Cards = new Contracts.V1.Cards.CardsClient(channel);
        Certificates = new Certificates.CertificatesClient(channel);
        Status = new DeviceStatus.DeviceStatusClient(channel);
        CheckIn = new CheckIn.CheckInClient(channel);
    }

    public CliIo Io { get; }

    public Readers.ReadersClient Readers { get; }

    // Qualified: the CLI also references the OnshiDevice.Cards assembly (for the 照合番号B rule), whose namespace is nearer.
    public Contracts.V1.Cards.CardsClient Cards { get; }

    public Certificates.CertificatesClient Certificates { get; }

    public DeviceStatus.DeviceStatusClient Status { get; }

    public CheckIn.CheckInClient CheckIn { get; }

    /// <summary>The --reader given, or null.</summary>
    public string? Reader => _reader;

    /// <summary>The deadline of the latest call made; DateTime.MaxValue before any.</summary>
    public DateTime LastDeadline { get; private set; } = DateTime.MaxValue;

    public DateTime Deadline() => LastDeadline = DateTime.UtcNow.AddSeconds(_timeoutSeconds);

    /// <summary>
    /// A call that failed without the service's own status after its deadline passed ran out of time,
    /// whatever the transport made of it (a reset stream reads as INTERNAL or CANCELLED).
    /// </summary>
    public Exception Explain(Exception exception) =>
        exception is RpcException rpc && rpc.StatusCode != StatusCode.DeadlineExceeded && rpc.GetRpcStatus() is null && DateTime.UtcNow >= LastDeadline
            ? new CliException(Text.Format(Errors.NoAnswerWithin, _timeoutSeconds.ToString(CultureInfo.InvariantCulture)), ErrorReason.DeadlineExceeded)
            : exception;

    /// <summary>
    /// The reader of --reader (a name, a unique part of one, or an index as `onshi readers` lists them), or
    /// the only reader that holds a card. Resolved against ListReaders, so a typo is answered with the readers there are.
    /// </summary>
    public async Task<string> ResolveReaderAsync(CancellationToken cancellationToken)
    {
        var list = await Readers.ListReadersAsync(new ListReadersRequest(), deadline: Deadline(), cancellationToken: cancellationToken);
        if (!string.IsNullOrEmpty(_reader))
        {
            return ReaderChoice.Resolve(_reader, list.Readers.Select(reader => reader.Name).ToList());
        }

        var withCard = list.Readers.Where(reader => reader.CardPresent).Select(reader => reader.Name).ToList();
        return withCard.Count switch
        {
            1 => withCard[0],
            0 => throw new CliException(Errors.NoReaderHoldsACard, ErrorReason.NoCard),
            _ => throw new CliException(Text.Format(Errors.SeveralReadersHoldACard, string.Join(", ", withCard))),
        };
    }

    /// <summary>The reader a given --reader means (<see cref="ReaderChoice"/>), for a command that lists the readers itself.</summary>
    public async Task<string> ResolveGivenReaderAsync(string given, CancellationToken cancellationToken)
    {
        var list = await Readers.ListReadersAsync(new ListReadersRequest(), deadline: Deadline(), cancellationToken: cancellationToken);
        return ReaderChoice.Resolve(given, list.Readers.Select(reader => reader.Name).ToList());
    }

    /// <summary>Awaits a call; on a terminal, says what it is waiting for once it takes longer than a moment.</summary>
    public async Task<T> WithProgressAsync<T>(Task<T> call, string reader)
    {
        if (Io.ErrorIsTerminal && await Task.WhenAny(call, Task.Delay(Io.ProgressDelay)) != call)
        {
            await Io.Error.WriteLineAsync(Resources.Text.Format(Resources.Progress.WaitingFor, reader));
        }

        return await call;
    }

    /// <summary>
    /// The one line an error becomes: what happened and what to do, in the CLI's language, and the reason in brackets
    /// (the service's, or SERVICE_UNREACHABLE) for scripts. <paramref name="attempt"/> names the connection's cause.
    /// </summary>
    public static string DescribeError(Exception exception, ConnectionAttempt? attempt = null) => exception switch
    {
        // No rich status, and the transport failed before any answer: the call never reached the service
        // (not started, wrong --address, or refused at the TLS handshake, which a loaded client may see as
        // INTERNAL because the refusal arrives after its request has started).
        RpcException rpc when NeverReachedTheService(rpc) =>
            Text.Format(Errors.ErrorLineWithReason, ConnectionFailureText.Of(rpc, attempt), ServiceUnreachableReason),
        RpcException rpc => Text.Format(Errors.ErrorLineWithReason, ServiceErrorText.Of(rpc, MessageOf(rpc)), ReasonOf(rpc)),
        CliException { Reason: { } reason } cli => Text.Format(Errors.ErrorLineWithReason, cli.Message, reason),
        _ => Text.Format(Errors.ErrorLine, exception.Message.ReplaceLineEndings(" ")),
    };

    private static bool NeverReachedTheService(RpcException rpc) =>
        rpc.GetRpcStatus() is null
        && (rpc.StatusCode == StatusCode.Unavailable || rpc.Status.DebugException is System.Net.Http.HttpRequestException);

    private static string MessageOf(RpcException rpc)
    {
        var status = rpc.GetRpcStatus();
        var message = status?.Message ?? rpc.Status.Detail;
        return string.IsNullOrWhiteSpace(message) ? rpc.StatusCode.ToString() : message.ReplaceLineEndings(" ");
    }

    // The service's reason as sent (a newer service may send one this CLI does not know), else the status code.
    private static string ReasonOf(RpcException rpc) =>
        ContractErrors.ErrorInfoOf(rpc)?.Reason is { Length: > 0 } reason ? reason : StatusCodeName(rpc.StatusCode);

    // DeadlineExceeded → DEADLINE_EXCEEDED, as gRPC spells its status codes.
    private static string StatusCodeName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
