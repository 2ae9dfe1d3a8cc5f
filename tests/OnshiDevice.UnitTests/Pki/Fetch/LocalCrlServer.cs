using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OnshiDevice.UnitTests.Pki.Fetch;

/// <summary>
/// A plain HTTP server on 127.0.0.1 (a port of its own) whose answers each test sets per path: bytes, a status,
/// a redirect, or a stall that lasts until the client gives up. Counts the requests per path.
/// </summary>
internal sealed class LocalCrlServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private LocalCrlServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    public Uri Root { get; }

    public static async Task<LocalCrlServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LocalCrlServer? server = null;
        app.Run(context => server!.AnswerAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new LocalCrlServer(app, new Uri(address));
        return server;
    }

    public Uri At(string path) => new(Root, path);

    public int RequestsTo(string path) => _requests.GetValueOrDefault(path);

    public void Serve(string path, byte[] body, bool announceLength = true) => _answers[path] = async context =>
    {
        if (announceLength)
        {
            context.Response.ContentLength = body.Length;
        }

        context.Response.ContentType = "application/pkix-crl";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    };

    public void Status(string path, int status) => _answers[path] = context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    public void Redirect(string path, string location, int status = StatusCodes.Status302Found) => _answers[path] = context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    /// <summary>Answers nothing (or, with <paramref name="firstBytes"/>, headers and those bytes) until the client hangs up.</summary>
    public void Stall(string path, byte[]? firstBytes = null) => _answers[path] = async context =>
    {
        if (firstBytes is not null)
        {
            context.Response.ContentLength = firstBytes.Length * 2L;
            await context.Response.Body.WriteAsync(firstBytes, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what this answer waits for.
        }
    };

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(bound.Token);
        await _app.DisposeAsync();
    }

    private Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
        if (_answers.TryGetValue(path, out var answer))
        {
            return answer(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
