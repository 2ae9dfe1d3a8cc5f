using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.Control;
using OnshiDevice.Simulators.Control.V1;

namespace OnshiDevice.IntegrationTests.Simulation;

/// <summary>The simulator control service in process, over the same simulated readers the device service reads.</summary>
public sealed class SimulatorControlServiceTests : IAsyncLifetime
{
    private static DateTime Soon => DateTime.UtcNow.AddSeconds(30);

    private readonly SimulatorControl _control = SimulatorControl.WithStandardReaders();
    private InProcessDeviceService _host = null!;
    private Simulator.SimulatorClient _simulator = null!;

    private static string Reader0 => SimulatorControl.StandardReaderName(0);

    public async Task InitializeAsync()
    {
        _host = await InProcessDeviceService.StartAsync(_control.Api, options: new InProcessServiceOptions
        {
            AddServices = services => services.AddSimulatorControl(_control),
            MapServices = endpoints => endpoints.MapSimulatorControl(),
        });
        _simulator = new Simulator.SimulatorClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Insert_swap_and_remove_reach_the_readers_service_and_its_watch_in_order()
    {
        using var watch = _host.Readers.WatchReaders(new WatchReadersRequest(), deadline: Soon);
        var events = watch.ResponseStream;

        var inserted = await _simulator.InsertCardAsync(new InsertCardRequest { Reader = "0", Card = "hpki-doctor" }, deadline: Soon);
        Assert.Equal(new Simulators.Control.V1.SimulatedReader { Name = Reader0, Card = "hpki-doctor", Condition = ReaderCondition.Working }, inserted.Reader);
        await NextAsync(events, WatchReadersResponse.Types.Kind.CardInserted, Reader0);
        Assert.Equal(CardType.Hpki, (await _host.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = Reader0 }, deadline: Soon)).CardType);

        await _simulator.SwapCardAsync(new SwapCardRequest { Reader = Reader0, Card = "standard" }, deadline: Soon);
        await NextAsync(events, WatchReadersResponse.Types.Kind.CardRemoved, Reader0);
        await NextAsync(events, WatchReadersResponse.Types.Kind.CardInserted, Reader0);
        Assert.Equal(CardType.MyNumber, (await _host.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = Reader0 }, deadline: Soon)).CardType);

        var removed = await _simulator.RemoveCardAsync(new RemoveCardRequest { Reader = "0" }, deadline: Soon);
        Assert.Equal("", removed.Reader.Card);
        await NextAsync(events, WatchReadersResponse.Types.Kind.CardRemoved, Reader0);
        var listed = await _host.Readers.ListReadersAsync(new ListReadersRequest(), deadline: Soon);
        Assert.DoesNotContain(listed.Readers, reader => reader.CardPresent);
    }

    [Fact]
    public async Task Readers_are_plugged_in_and_out_and_named_by_name_or_position()
    {
        using var watch = _host.Readers.WatchReaders(new WatchReadersRequest(), deadline: Soon);
        await _simulator.AddReaderAsync(new AddReaderRequest { Reader = "QA Desk Reader" }, deadline: Soon);
        await NextAsync(watch.ResponseStream, WatchReadersResponse.Types.Kind.ReaderAttached, "QA Desk Reader");

        await _simulator.InsertCardAsync(new InsertCardRequest { Reader = "2", Card = "expired" }, deadline: Soon);
        var state = await _simulator.GetStateAsync(new GetStateRequest(), deadline: Soon);
        Assert.Equal([Reader0, SimulatorControl.StandardReaderName(1), "QA Desk Reader"], state.Readers.Select(reader => reader.Name));
        Assert.Equal(["", "", "expired"], state.Readers.Select(reader => reader.Card));

        await _simulator.RemoveReaderAsync(new RemoveReaderRequest { Reader = "QA Desk Reader" }, deadline: Soon);
        await NextAsync(watch.ResponseStream, WatchReadersResponse.Types.Kind.ReaderDetached, "QA Desk Reader");
        Assert.DoesNotContain((await _host.Readers.ListReadersAsync(new ListReadersRequest(), deadline: Soon)).Readers, reader => reader.Name == "QA Desk Reader");
    }

    [Fact]
    public async Task Each_fault_gives_the_error_it_promises_until_the_faults_are_cleared()
    {
        await _simulator.InsertCardAsync(new InsertCardRequest { Reader = "0", Card = "standard" }, deadline: Soon);
        Task Identify() => _host.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = Reader0 }, deadline: Soon).ResponseAsync;

        await _simulator.InjectFaultAsync(new InjectFaultRequest { Fault = Fault.CardMute, Reader = "0" }, deadline: Soon);
        Assert.Equal(ReaderCondition.CardMute, (await _simulator.GetStateAsync(new GetStateRequest(), deadline: Soon)).Readers[0].Condition);
        await RpcErrors.AssertFailsAsync(StatusCode.Unavailable, "CARD_ERROR", Identify);
        await _simulator.ClearFaultsAsync(new ClearFaultsRequest(), deadline: Soon);
        await Identify();

        await _simulator.InjectFaultAsync(new InjectFaultRequest { Fault = Fault.ReaderUnavailable, Reader = Reader0 }, deadline: Soon);
        await RpcErrors.AssertFailsAsync(StatusCode.NotFound, "READER_NOT_FOUND", Identify);
        await _simulator.ClearFaultsAsync(new ClearFaultsRequest(), deadline: Soon);

        await _simulator.InjectFaultAsync(new InjectFaultRequest { Fault = Fault.TransmitFailure }, deadline: Soon);
        Assert.True((await _simulator.GetStateAsync(new GetStateRequest(), deadline: Soon)).TransmitFailure);
        await RpcErrors.AssertFailsAsync(StatusCode.Unavailable, "CARD_ERROR", Identify);
        await _simulator.ClearFaultsAsync(new ClearFaultsRequest(), deadline: Soon);

        await _simulator.InjectFaultAsync(new InjectFaultRequest { Fault = Fault.PcscStopped }, deadline: Soon);
        Assert.True((await _simulator.GetStateAsync(new GetStateRequest(), deadline: Soon)).PcscStopped);
        await RpcErrors.AssertFailsAsync(StatusCode.Unavailable, "PCSC_UNAVAILABLE", () => _host.Readers.ListReadersAsync(new ListReadersRequest(), deadline: Soon).ResponseAsync);
        await _simulator.ClearFaultsAsync(new ClearFaultsRequest(), deadline: Soon);

        var cleared = await _simulator.GetStateAsync(new GetStateRequest(), deadline: Soon);
        Assert.False(cleared.TransmitFailure || cleared.PcscStopped);
        Assert.All(cleared.Readers, reader => Assert.Equal(ReaderCondition.Working, reader.Condition));
        Assert.Equal(CardType.MyNumber, (await _host.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = Reader0 }, deadline: Soon)).CardType);
    }

    [Fact]
    public async Task Every_mistake_is_a_typed_error_that_names_the_field_and_repeats_nothing()
    {
        await _simulator.InsertCardAsync(new InsertCardRequest { Reader = "0", Card = "standard" }, deadline: Soon);
        var secretish = "Reader-" + new string('x', 40);

        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "CARD_PRESENT", () =>
            _simulator.InsertCardAsync(new InsertCardRequest { Reader = "0", Card = "hpki-doctor" }, deadline: Soon).ResponseAsync);
        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "NO_CARD", () =>
            _simulator.RemoveCardAsync(new RemoveCardRequest { Reader = "1" }, deadline: Soon).ResponseAsync);
        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "NO_CARD", () =>
            _simulator.SwapCardAsync(new SwapCardRequest { Reader = "1", Card = "standard" }, deadline: Soon).ResponseAsync);
        foreach (var missing in new[] { secretish, "7", "-1" })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => _simulator.RemoveCardAsync(new RemoveCardRequest { Reader = missing }, deadline: Soon).ResponseAsync);
            Assert.Equal("READER_NOT_FOUND", refused.Info().Reason);
            Assert.DoesNotContain(secretish, refused.Status.Detail, StringComparison.Ordinal);
        }

        var invalid = new (string Field, Func<Task> Call)[]
        {
            ("card", () => _simulator.InsertCardAsync(new InsertCardRequest { Reader = "1", Card = "platinum-card" }, deadline: Soon).ResponseAsync),
            ("card", () => _simulator.InsertCardAsync(new InsertCardRequest { Reader = "1" }, deadline: Soon).ResponseAsync),
            ("card", () => _simulator.SwapCardAsync(new SwapCardRequest { Reader = "0", Card = new string('c', 65) }, deadline: Soon).ResponseAsync),
            ("reader", () => _simulator.InsertCardAsync(new InsertCardRequest { Reader = "", Card = "standard" }, deadline: Soon).ResponseAsync),
            ("reader", () => _simulator.InsertCardAsync(new InsertCardRequest { Reader = new string('r', 257), Card = "standard" }, deadline: Soon).ResponseAsync),
            ("reader", () => _simulator.AddReaderAsync(new AddReaderRequest { Reader = Reader0 }, deadline: Soon).ResponseAsync),
            ("reader", () => _simulator.AddReaderAsync(new AddReaderRequest { Reader = "42" }, deadline: Soon).ResponseAsync),
            ("reader", () => _simulator.AddReaderAsync(new AddReaderRequest { Reader = "tab\there" }, deadline: Soon).ResponseAsync),
            ("fault", () => _simulator.InjectFaultAsync(new InjectFaultRequest(), deadline: Soon).ResponseAsync),
            ("reader", () => _simulator.InjectFaultAsync(new InjectFaultRequest { Fault = Fault.CardMute }, deadline: Soon).ResponseAsync),
            ("reader", () => _simulator.InjectFaultAsync(new InjectFaultRequest { Fault = Fault.TransmitFailure, Reader = "0" }, deadline: Soon).ResponseAsync),
        };
        foreach (var (field, call) in invalid)
        {
            await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", call);
            var refused = await Assert.ThrowsAsync<RpcException>(call);
            var badRequest = refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>();
            Assert.Equal(field, Assert.Single(badRequest.FieldViolations).Field);
            Assert.DoesNotContain("platinum", refused.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(["standard", ""], (await _simulator.GetStateAsync(new GetStateRequest(), deadline: Soon)).Readers.Select(reader => reader.Card));
    }

    [Fact]
    public async Task At_most_sixteen_readers_are_attached()
    {
        for (var added = 2; added < SimulatorControl.MaxReaders; added++)
        {
            await _simulator.AddReaderAsync(new AddReaderRequest { Reader = $"Extra {added}" }, deadline: Soon);
        }

        var refused = await RpcErrors.AssertFailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () =>
            _simulator.AddReaderAsync(new AddReaderRequest { Reader = "One too many" }, deadline: Soon).ResponseAsync);
        Assert.Equal(SimulatorControl.MaxReaders, (await _simulator.GetStateAsync(new GetStateRequest(), deadline: Soon)).Readers.Count);
        Assert.NotNull(refused);
    }

    [Fact]
    public async Task A_host_that_does_not_map_it_answers_unimplemented_and_reflection_does_not_list_it()
    {
        await using var plain = await InProcessDeviceService.StartAsync(SimulatorControl.WithStandardReaders().Api);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new Simulator.SimulatorClient(plain.Channel).GetStateAsync(new GetStateRequest(), deadline: Soon).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
        Assert.DoesNotContain(Simulator.Descriptor.FullName, await ReflectedServicesAsync(plain));
        Assert.Contains(Simulator.Descriptor.FullName, await ReflectedServicesAsync(_host));
    }

    internal static async Task<IReadOnlyList<string>> ReflectedServicesAsync(InProcessDeviceService host)
    {
        using var call = new ServerReflection.ServerReflectionClient(host.Channel).ServerReflectionInfo(deadline: Soon);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(service => service.Name)];
    }

    // The next event about a reader (the opening announcement's are skipped).
    private static async Task NextAsync(IAsyncStreamReader<WatchReadersResponse> events, WatchReadersResponse.Types.Kind kind, string reader)
    {
        while (await events.MoveNext())
        {
            var current = events.Current;
            if (current.Kind == kind && current.Reader == reader)
            {
                return;
            }

            Assert.True(current.Kind is WatchReadersResponse.Types.Kind.ReaderAttached or WatchReadersResponse.Types.Kind.CardInserted or WatchReadersResponse.Types.Kind.CardRemoved,
                $"unexpected {current.Kind} {current.Reader} while waiting for {kind} {reader}");
        }

        Assert.Fail($"the watch ended before {kind} {reader}");
    }
}
