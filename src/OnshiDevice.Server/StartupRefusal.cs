using System.Text.Json;
using Microsoft.Extensions.Options;
using OnshiDevice.ClinicCa;
using OnshiDevice.Pki;
using OnshiDevice.Server.Listeners;
using OnshiDevice.Service.Configuration;

namespace OnshiDevice.Server;

/// <summary>
/// The mistakes in arguments, settings and configuration files that stop onshi-device before it serves: each becomes
/// one line naming the argument, setting or file (and what to do), never the host's stack trace. Anything else is a
/// defect and keeps its trace.
/// </summary>
internal static class StartupRefusal
{
    public const string ConfigurationLoadPrefix = "Failed to load configuration from file";

    private const string ConversionPrefix = "Failed to convert configuration value";

    /// <summary>The one line for <paramref name="exception"/>, or null when it is not a mistake of the set-up.</summary>
    public static string? LineFor(Exception exception) => exception switch
    {
        HostUsageException or ListenerRefusedException or ClinicCaException or ConfiguredPathException or TrustStoreException => exception.Message,
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        InvalidDataException { InnerException: { } inner } unreadable when unreadable.Message.StartsWith(ConfigurationLoadPrefix, StringComparison.Ordinal) =>
            $"the configuration file {QuotedPath(unreadable.Message)} is not valid JSON ({OneLine(Json(inner) is { } json ? JsonDetail(json) : inner.Message)}); correct it or move it away.",
        // The binder's own message names the value, the setting and the type it needs.
        InvalidOperationException conversion when conversion.Message.StartsWith(ConversionPrefix, StringComparison.Ordinal) => OneLine(conversion.Message),
        FormatException commandLine when commandLine.StackTrace?.Contains("CommandLineConfigurationProvider", StringComparison.Ordinal) == true =>
            OneLine(commandLine.Message),
        AggregateException { InnerExceptions.Count: 1 } one => LineFor(one.InnerExceptions[0]),
        _ => null,
    };

    /// <summary>The path in "Failed to load configuration from file 'PATH'.", or the whole message.</summary>
    private static string QuotedPath(string message) =>
        message.IndexOf('\'', StringComparison.Ordinal) is var start and >= 0 && message.LastIndexOf('\'') is var end && end > start
            ? message[(start + 1)..end]
            : message;

    private static JsonException? Json(Exception? exception) =>
        exception is null ? null : exception as JsonException ?? Json(exception.InnerException);

    private static string JsonDetail(JsonException json) =>
        json.LineNumber is { } line ? $"line {line + 1}, position {json.BytePositionInLine + 1}: {json.Message.Split([" Path:", " LineNumber:"], 2, StringSplitOptions.None)[0].TrimEnd()}" : json.Message;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
