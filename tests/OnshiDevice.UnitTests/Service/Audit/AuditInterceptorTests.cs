using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Audit;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.UnitTests.Service.Audit;

public sealed class AuditInterceptorTests
{
    private readonly RecordingLogger<AuditInterceptor> _log = new();
    private readonly AuditInterceptor _audit;

    public AuditInterceptorTests()
    {
        _audit = new AuditInterceptor(new SingleLoggerFactory(_log));
    }

    [Fact]
    public async Task A_call_is_one_line_with_method_caller_reader_status_and_no_pin()
    {
        var context = LoopbackCall("/onshi.device.v1.Cards/VerifyPin");
        var request = new VerifyPinRequest { Reader = "Reader A", PinKind = PinKind.JpkiAuthPin, Pin = "4821" };

        await _audit.UnaryServerHandler(request, context, (_, _) => Task.FromResult(new VerifyPinResponse()));

        var (level, message, _) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Matches(@"^/onshi\.device\.v1\.Cards/VerifyPin by Loopback loopback on Reader A: OK - in \d+\.\d ms$", message);
        Assert.DoesNotContain("4821", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_call_logs_the_status_and_reason_the_client_gets_and_rethrows()
    {
        var context = LoopbackCall("/onshi.device.v1.Cards/VerifyPin");
        var mapped = ErrorMapper.ToRpcException(ErrorMapper.Map(new OnshiDevice.Cards.Errors.PinIncorrectException(2, "incorrect")));

        await Assert.ThrowsAsync<RpcException>(() => _audit.UnaryServerHandler<VerifyPinRequest, VerifyPinResponse>(
            new VerifyPinRequest { Reader = "Reader A", Pin = "4821" }, context, (_, _) => throw mapped));

        Assert.Contains(": PermissionDenied PIN_INCORRECT in ", Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_line_logged_during_the_call_carries_the_caller_and_the_reader_in_its_scope()
    {
        var scopes = new ScopeRecordingProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(scopes));
        var audit = new AuditInterceptor(loggers);
        var inner = loggers.CreateLogger("OnshiDevice.Service.Cards");

        await audit.UnaryServerHandler(new IdentifyCardRequest { Reader = "Reader A" }, LoopbackCall("/onshi.device.v1.Cards/IdentifyCard"), (_, _) =>
        {
            inner.LogInformation("card work");
            return Task.FromResult(new IdentifyCardResponse());
        });

        var scope = Assert.Single(scopes.ScopesOf("card work"));
        Assert.Equal("Loopback", scope["CallerKind"]?.ToString());
        Assert.Equal("loopback", scope["Client"]);
        Assert.Equal("Reader A", scope["Reader"]);
    }

    [Theory]
    [InlineData("OnshiDevice Simulated Reader 0", "OnshiDevice Simulated Reader 0")]
    [InlineData("SONY FeliCa RC-S380/P (0123456) 00 00", "SONY FeliCa RC-S380/P (0123456) 00 00")]
    [InlineData("", "-")]
    [InlineData("Card\u0007Reader", "(not a reader name)")]
    [InlineData("line\nbreak", "(not a reader name)")]
    [InlineData("\u202EredaeR", "(not a reader name)")]
    public void The_reader_is_logged_only_as_a_printable_name(string reader, string logged) =>
        Assert.Equal(logged, AuditInterceptor.ReaderOf(new IdentifyCardRequest { Reader = reader }));

    [Fact]
    public void A_reader_longer_than_the_request_limit_is_not_copied_into_the_log()
    {
        Assert.Equal("(not a reader name)", AuditInterceptor.ReaderOf(new IdentifyCardRequest { Reader = new string('r', 257) }));
        Assert.Equal("-", AuditInterceptor.ReaderOf(new ListReadersRequest()));
    }

    private static FakeServerCallContext LoopbackCall(string method)
    {
        var http = new DefaultHttpContext();
        http.Connection.LocalIpAddress = IPAddress.Loopback;
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Features.Set<Microsoft.AspNetCore.Connections.Features.IConnectionEndPointFeature>(new EndPoints(new IPEndPoint(IPAddress.Loopback, 50151)));
        var context = new FakeServerCallContext(method);
        context.UserState["__HttpContext"] = http;
        return context;
    }

    private sealed class EndPoints(EndPoint local) : Microsoft.AspNetCore.Connections.Features.IConnectionEndPointFeature
    {
        public EndPoint? LocalEndPoint { get; set; } = local;

        public EndPoint? RemoteEndPoint { get; set; }
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => categoryName == AuditInterceptor.Category ? logger : throw new InvalidOperationException(categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class ScopeRecordingProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly List<(string Message, List<IReadOnlyDictionary<string, object>> Scopes)> _entries = [];
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IEnumerable<IReadOnlyDictionary<string, object>> ScopesOf(string message)
        {
            lock (_entries)
            {
                return _entries.Where(entry => entry.Message == message).SelectMany(entry => entry.Scopes).ToList();
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeRecordingProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<IReadOnlyDictionary<string, object>>();
                provider._scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IReadOnlyDictionary<string, object> values)
                    {
                        list.Add(values);
                    }
                }, scopes);
                lock (provider._entries)
                {
                    provider._entries.Add((formatter(state, exception), scopes));
                }
            }
        }
    }
}
