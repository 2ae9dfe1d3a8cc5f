namespace OnshiDevice.Server.Listeners;

/// <summary>Puts a <see cref="ListenerPlan"/> on the host: Kestrel binds it, <see cref="ListenerGuard"/> watches the start.</summary>
internal static class ListenerHosting
{
    public static WebApplicationBuilder UseListeners(this WebApplicationBuilder builder, ListenerPlan plan)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(plan);
        builder.WebHost.ConfigureKestrel(plan.Configure);
        builder.Services.AddSingleton(plan);
        builder.Services.AddHostedService<ListenerGuard>();
        return builder;
    }

    /// <summary>Runs the host; a start the guard refused, or an address Kestrel could not bind, is one line on stderr and exit 1.</summary>
    public static async Task<int> RunGuardedAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception refused) when (RefusalIn(refused) is { } listener)
        {
            await Console.Error.WriteLineAsync($"onshi-device: {listener.Message}");
            return 1;
        }
        catch (IOException bind) when (bind.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal))
        {
            // Kestrel's own message names the address; taken between ListenerAvailability's check and the bind, it says what to do too.
            await Console.Error.WriteLineAsync($"onshi-device: {bind.Message}" +
                (bind.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException ? " Another onshi-device is probably running: stop it first, or set another address." : string.Empty));
            return 1;
        }
    }

    private static ListenerRefusedException? RefusalIn(Exception exception) => exception switch
    {
        ListenerRefusedException refused => refused,
        AggregateException many => many.InnerExceptions.Select(RefusalIn).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
