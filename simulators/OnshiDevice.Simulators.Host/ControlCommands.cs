using System.CommandLine;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Simulators.Control.V1;

namespace OnshiDevice.Simulators.Host;

/// <summary>
/// The commands that drive a running <c>onshi-device --simulate</c> through its simulator control service:
/// <c>insert</c>, <c>remove</c>, <c>swap</c>, <c>reader add|remove</c>, <c>fault ...</c> and <c>status</c>. They find the
/// service as <c>onshi</c> does (<see cref="ServiceAddress"/>: <c>--address</c>, else <c>$ONSHI_ADDRESS</c>, else the local
/// socket). Each prints one line per reader it changed; a failure is one line on stderr and exit code 2.
/// </summary>
internal sealed class ControlCommands
{
    private const int ServiceError = 2;

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly Option<string> _address;
    private readonly Option<int> _timeout;

    public ControlCommands(TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        _output = output;
        _error = error;
        var defaultAddress = ServiceAddress.DefaultText(environment, File.Exists);
        _address = new Option<string>("--address")
        {
            Description = $"The simulated service: unix:/path, pipe:NAME or http://127.0.0.1:PORT (default {defaultAddress}, or ${ServiceAddress.EnvironmentVariable}).",
            DefaultValueFactory = _ => defaultAddress,
            Recursive = true,
        };
        _timeout = new Option<int>("--timeout")
        {
            Description = "Seconds a call may take.",
            DefaultValueFactory = _ => 10,
            Recursive = true,
        };
        _timeout.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !int.TryParse(result.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });
    }

    public IEnumerable<Option> GlobalOptions => [_address, _timeout];

    public IEnumerable<Command> Create()
    {
        yield return CardCommand("insert", "Put a ready-made card into an empty simulated reader.", async (client, reader, card, deadline, cancel) =>
            (await client.InsertCardAsync(new InsertCardRequest { Reader = reader, Card = card }, deadline: deadline, cancellationToken: cancel)).Reader);
        yield return CardCommand("swap", "Take the card out of a simulated reader and put this one in, in one instant.", async (client, reader, card, deadline, cancel) =>
            (await client.SwapCardAsync(new SwapCardRequest { Reader = reader, Card = card }, deadline: deadline, cancellationToken: cancel)).Reader);

        var removeReader = ReaderOption();
        var remove = new Command("remove", "Take the card out of a simulated reader.") { removeReader };
        remove.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
            Print((await client.RemoveCardAsync(new RemoveCardRequest { Reader = parse.GetRequiredValue(removeReader) }, deadline: deadline, cancellationToken: cancel)).Reader)));
        yield return remove;

        yield return ReaderCommand();
        yield return FaultCommand();

        var status = new Command("status", "List the simulated readers, their cards and the faults in force.");
        status.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
        {
            var state = await client.GetStateAsync(new GetStateRequest(), deadline: deadline, cancellationToken: cancel);
            for (var position = 0; position < state.Readers.Count; position++)
            {
                _output.Write($"{position} ");
                Print(state.Readers[position]);
            }

            _output.WriteLine($"faults: {string.Join(", ", GlobalFaults(state).DefaultIfEmpty("none"))}");
        }));
        yield return status;
    }

    private static Option<string> ReaderOption() => new("--reader")
    {
        Description = "The simulated reader: its position (0 is the first, as status lists them) or its full name.",
        DefaultValueFactory = _ => "0",
    };

    private static IEnumerable<string> GlobalFaults(GetStateResponse state)
    {
        if (state.TransmitFailure)
        {
            yield return "transmit";
        }

        if (state.PcscStopped)
        {
            yield return "pcsc-stopped";
        }
    }

    private Command CardCommand(string name, string description, Func<Simulator.SimulatorClient, string, string, DateTime, CancellationToken, Task<SimulatedReader>> call)
    {
        var card = new Argument<string>("card") { Description = $"The ready-made card: {string.Join(", ", VirtualCardCatalog.Names)}." };
        card.AcceptOnlyFromAmong([.. VirtualCardCatalog.Names]);
        var reader = ReaderOption();
        var command = new Command(name, description) { card, reader };
        command.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
            Print(await call(client, parse.GetRequiredValue(reader), parse.GetRequiredValue(card), deadline, cancel))));
        return command;
    }

    private Command ReaderCommand()
    {
        var addName = new Argument<string>("name") { Description = "The new reader's name (not only digits)." };
        var add = new Command("add", "Plug in an empty simulated reader.") { addName };
        add.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
            Print((await client.AddReaderAsync(new AddReaderRequest { Reader = parse.GetRequiredValue(addName) }, deadline: deadline, cancellationToken: cancel)).Reader)));

        var removeName = new Argument<string>("reader") { Description = "The reader's position or full name." };
        var remove = new Command("remove", "Unplug a simulated reader, with its card.") { removeName };
        remove.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
        {
            await client.RemoveReaderAsync(new RemoveReaderRequest { Reader = parse.GetRequiredValue(removeName) }, deadline: deadline, cancellationToken: cancel);
            _output.WriteLine($"{parse.GetRequiredValue(removeName)}: removed");
        }));
        return new Command("reader", "Plug simulated readers in and out.") { add, remove };
    }

    private Command FaultCommand()
    {
        var fault = new Command("fault", "Make a simulated card, reader or the PC/SC service misbehave, until 'fault clear'.");
        foreach (var (name, kind, description) in new[]
        {
            ("mute", Fault.CardMute, "The reader's card does not answer (calls end with CARD_ERROR)."),
            ("unavailable", Fault.ReaderUnavailable, "The reader's driver lost it (calls end with READER_NOT_FOUND)."),
        })
        {
            var reader = ReaderOption();
            var command = new Command(name, description) { reader };
            command.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
            {
                await client.InjectFaultAsync(new InjectFaultRequest { Fault = kind, Reader = parse.GetRequiredValue(reader) }, deadline: deadline, cancellationToken: cancel);
                _output.WriteLine($"{parse.GetRequiredValue(reader)}: {name}");
            }));
            fault.Subcommands.Add(command);
        }

        foreach (var (name, kind, description) in new[]
        {
            ("transmit", Fault.TransmitFailure, "Every command to every card fails in transmission (calls end with CARD_ERROR)."),
            ("pcsc-stopped", Fault.PcscStopped, "The PC/SC service stops (calls end with PCSC_UNAVAILABLE)."),
        })
        {
            var command = new Command(name, description);
            command.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
            {
                await client.InjectFaultAsync(new InjectFaultRequest { Fault = kind }, deadline: deadline, cancellationToken: cancel);
                _output.WriteLine($"fault: {name}");
            }));
            fault.Subcommands.Add(command);
        }

        var clear = new Command("clear", "End every fault: readers work, commands reach the cards, PC/SC runs.");
        clear.SetAction((parse, cancel) => CallAsync(parse, cancel, async (client, deadline) =>
        {
            await client.ClearFaultsAsync(new ClearFaultsRequest(), deadline: deadline, cancellationToken: cancel);
            _output.WriteLine("faults: none");
        }));
        fault.Subcommands.Add(clear);
        return fault;
    }

    private void Print(SimulatedReader reader)
    {
        var condition = reader.Condition switch
        {
            ReaderCondition.CardMute => " (card mute)",
            ReaderCondition.Unavailable => " (unavailable)",
            _ => string.Empty,
        };
        _output.WriteLine($"{reader.Name}: {(reader.Card.Length > 0 ? reader.Card : "empty")}{condition}");
    }

    private async Task<int> CallAsync(ParseResult parse, CancellationToken cancel, Func<Simulator.SimulatorClient, DateTime, Task> body)
    {
        ServiceAddress address;
        try
        {
            address = ServiceAddress.Parse(parse.GetRequiredValue(_address));
        }
        catch (ServiceAddressException refused)
        {
            await _error.WriteLineAsync($"onshi-sim: {refused.Message}");
            return 1;
        }

        try
        {
            using var channel = address.CreateChannel();
            await body(new Simulator.SimulatorClient(channel), DateTime.UtcNow.AddSeconds(parse.GetValue(_timeout)));
            return 0;
        }
        catch (RpcException failure)
        {
            await _error.WriteLineAsync($"onshi-sim: {Describe(failure, address)}");
            return ServiceError;
        }
    }

    private static string Describe(RpcException failure, ServiceAddress address)
    {
        if (failure.StatusCode == StatusCode.Unimplemented)
        {
            return $"the service at {address} has no simulator control: it is not running with --simulate";
        }

        if (failure.GetRpcStatus() is null && (failure.StatusCode == StatusCode.Unavailable || failure.Status.DebugException is HttpRequestException))
        {
            return $"cannot reach onshi-device --simulate at {address}; is it running, and is --address right?";
        }

        var message = (failure.GetRpcStatus()?.Message ?? failure.Status.Detail).ReplaceLineEndings(" ");
        return ContractErrors.ErrorInfoOf(failure)?.Reason is { Length: > 0 } reason ? $"{message} [{reason}]" : $"{message} [{failure.StatusCode}]";
    }
}
