using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OnshiDevice.TestSupport;

/// <summary>
/// A logger provider that keeps every entry at every level, rendered as a console logger would show it plus
/// its structured values, scopes and exception: the text the privacy tripwire searches.
/// </summary>
public sealed class CapturedLog : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new StringBuilder();
        entry.Append(CultureInfo.InvariantCulture, $"{level} {category}[{eventId.Id}] {formatter(state, exception)}");
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                entry.Append(CultureInfo.InvariantCulture, $" | {key}={value}");
            }
        }

        _scopes.ForEachScope((scope, builder) => builder.Append(CultureInfo.InvariantCulture, $" => {scope}"), entry);
        if (exception is not null)
        {
            entry.Append(' ').Append(exception);
        }

        _entries.Enqueue(entry.ToString());
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => log._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Write(category, logLevel, eventId, state, exception, formatter);
    }
}
