using System.Net.Sockets;
using System.Runtime.InteropServices;
using OnshiDevice.Simulators.Vpcd;

namespace OnshiDevice.Simulators.Host;

/// <summary>Keeps one card in a vpcd slot, taking it out and putting it back on request, one output line per event.</summary>
internal static class VpcdSession
{
    public static async Task<int> RunAsync(string cardName, string fault, string host, int port, bool trace, TextReader input, TextWriter output, CancellationToken stopRequested)
    {
        // SIGTERM (service managers, kill) ends the session as cleanly as Ctrl+C: the card is taken out first.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopRequested);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var cancellationToken = stop.Token;
        var card = VirtualCardCatalog.Create(cardName, fault);
        var label = fault == "none" ? cardName : $"{cardName} (fault: {fault})";
        IVirtualCard presented = trace ? new TracingCard(card, output) : card;
        VpcdCardConnection? connection;
        try
        {
            connection = await VpcdCardConnection.ConnectAsync(presented, host, port, cancellationToken);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }
        catch (SocketException exception)
        {
            await Console.Error.WriteLineAsync($"cannot reach vpcd at {host}:{port}: {exception.Message} (is pcscd running with the vpcd reader? scripts/start-pcscd)");
            return 1;
        }

        output.WriteLine($"inserted {label} card into vpcd {host}:{port} ({VirtualCardCatalog.DescribeTries(card)})");
        // Console.In reads synchronously even through ReadLineAsync, so each line is read on the thread pool.
        var nextLine = Task.Run(input.ReadLine, CancellationToken.None);
        var stdinOpen = true;
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        try
        {
            while (true)
            {
                var waits = new List<Task> { cancelled };
                if (stdinOpen)
                {
                    waits.Add(nextLine);
                }

                if (connection is not null)
                {
                    waits.Add(connection.Completion);
                }

                var done = await Task.WhenAny(waits);
                if (done == cancelled)
                {
                    break;
                }

                if (connection is not null && done == connection.Completion)
                {
                    var reason = connection.Completion.Exception?.InnerException?.Message;
                    await connection.DisposeAsync();
                    connection = null;
                    output.WriteLine(reason is null
                        ? $"vpcd closed the connection: card out ({VirtualCardCatalog.CommandsReceived(card)} APDUs answered so far)"
                        : $"connection to vpcd failed ({reason}): card out");
                    continue;
                }

                var line = await nextLine;
                if (line is null)
                {
                    stdinOpen = false;
                    continue;
                }

                nextLine = Task.Run(input.ReadLine, CancellationToken.None);
                switch (line.Trim())
                {
                    case "remove" when connection is not null:
                        await connection.DisposeAsync();
                        connection = null;
                        output.WriteLine($"removed ({VirtualCardCatalog.CommandsReceived(card)} APDUs answered so far)");
                        break;
                    case "insert" when connection is null:
                        try
                        {
                            connection = await VpcdCardConnection.ConnectAsync(presented, host, port, cancellationToken);
                            output.WriteLine("inserted");
                        }
                        catch (SocketException exception)
                        {
                            output.WriteLine($"cannot reach vpcd: {exception.Message}");
                        }

                        break;
                    case "remove" or "insert":
                        output.WriteLine(connection is null ? "no card in the reader" : "card already in the reader");
                        break;
                    case "status":
                        output.WriteLine($"{(connection is null ? "out" : "in")}; {VirtualCardCatalog.DescribeTries(card)}, {VirtualCardCatalog.CommandsReceived(card)} APDUs");
                        break;
                    case "":
                        break;
                    default:
                        output.WriteLine("commands: insert, remove, status");
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                output.WriteLine($"removed ({VirtualCardCatalog.CommandsReceived(card)} APDUs answered); exiting");
            }
        }

        return 0;
    }
}
