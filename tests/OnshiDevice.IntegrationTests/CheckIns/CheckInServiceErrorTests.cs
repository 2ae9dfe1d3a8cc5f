using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.TestSupport;
using Contract = OnshiDevice.Contracts.V1;
using Kind = OnshiDevice.Contracts.V1.CheckInEvent.KindOneofCase;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>What checkin.proto and errors.proto promise of the CheckIn service's refusals, its health and its shutdown.</summary>
public sealed class CheckInServiceErrorTests
{
    [Fact]
    public async Task A_second_desk_is_refused_with_reader_attended_while_the_first_attends()
    {
        await using var host = await CheckInServiceHost.StartAsync();
        using var first = await host.AttendAsync();

        using var second = host.Client.AttendCheckIns(cancellationToken: CheckInServiceHost.Deadline);
        await second.RequestStream.WriteAsync(new Contract.AttendCheckInsRequest { Start = new Contract.StartAttending { FaceReader = CheckInServiceHost.FaceReader } });
        await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "READER_ATTENDED", () => second.ResponseStream.MoveNext(CheckInServiceHost.Deadline));

        var listed = await host.Client.ListFaceReadersAsync(new Contract.ListFaceReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.True(listed.FaceReaders.Single().Attended);
    }

    [Fact]
    public async Task An_unknown_face_reader_is_not_found_with_the_configured_ids_and_never_the_one_asked_for()
    {
        await using var host = await CheckInServiceHost.StartAsync();

        using var watch = host.Client.WatchCheckIns(new Contract.WatchCheckInsRequest { FaceReader = "front-desk-9" }, cancellationToken: CheckInServiceHost.Deadline);
        var exception = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CheckInServiceHost.Deadline));

        Assert.Equal(StatusCode.NotFound, exception.StatusCode);
        var info = exception.Info();
        Assert.Equal("FACE_READER_NOT_FOUND", info.Reason);
        Assert.Equal(CheckInServiceHost.FaceReader, info.Metadata["face_readers"]);
        Assert.DoesNotContain("front-desk-9", exception.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(watch.GetTrailers(), entry => (entry.IsBinary ? System.Text.Encoding.UTF8.GetString(entry.ValueBytes) : entry.Value).Contains("front-desk-9", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("desk 1")]
    [InlineData("desk/1")]
    [InlineData("デスク")]
    public async Task A_face_reader_id_outside_its_rule_is_an_invalid_argument_naming_the_field(string id)
    {
        await using var host = await CheckInServiceHost.StartAsync();

        using var watch = host.Client.WatchCheckIns(new Contract.WatchCheckInsRequest { FaceReader = id }, cancellationToken: CheckInServiceHost.Deadline);
        var exception = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CheckInServiceHost.Deadline));

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", exception.Info().Reason);
        Assert.Contains(exception.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "face_reader");
    }

    [Fact]
    public async Task A_desk_whose_first_request_is_not_start_is_refused()
    {
        await using var host = await CheckInServiceHost.StartAsync();

        using var call = host.Client.AttendCheckIns(cancellationToken: CheckInServiceHost.Deadline);
        await call.RequestStream.WriteAsync(new Contract.AttendCheckInsRequest { Cancel = new Contract.CancelCheckIn() });
        var exception = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CheckInServiceHost.Deadline));

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Contains(exception.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "start");
    }

    [Theory]
    [InlineData("5502172030228")]
    [InlineData("550217203022855")]
    [InlineData("5502172030228X")]
    [InlineData("")]
    public async Task A_card_face_number_that_is_not_14_digits_ends_the_desk_with_invalid_pin_format_and_never_reaches_the_card(string number)
    {
        await using var host = await CheckInServiceHost.StartAsync();
        using var desk = await host.AttendAsync();
        await host.PlayAsync("""
            place-card
            expect method-choice
            """);
        await desk.SendAsync(new Contract.AttendCheckInsRequest { SwitchToVisualCheck = new Contract.SwitchToVisualCheck() });
        await desk.UntilAsync(Kind.CardFaceNumberNeeded);

        await desk.SendAsync(new Contract.AttendCheckInsRequest { EnterCardFaceNumber = new Contract.EnterCardFaceNumber { CardFaceNumber = number } });
        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (true)
            {
                await desk.NextAsync();
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal("INVALID_PIN_FORMAT", exception.Info().Reason);
        Assert.Contains(exception.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "enter_card_face_number.card_face_number");
        Assert.Equal(10, host.Card.CardFaceNumberBTriesLeft);

        // The check-in goes on without that desk: another attends and ends it.
        using var next = await host.AttendWhenFreeAsync();
        await next.SendAsync(new Contract.AttendCheckInsRequest { Cancel = new Contract.CancelCheckIn() });
        Assert.Equal(Contract.CheckInCancelledBy.Staff, (await next.UntilEndAsync())[^1].Cancelled.By);
    }

    [Fact]
    public async Task A_caller_neither_local_nor_mutually_authenticated_may_watch_but_not_attend()
    {
        await using var host = await CheckInServiceHost.StartAsync(options: new InProcessServiceOptions { LocalCaller = false });

        using var attend = host.Client.AttendCheckIns(cancellationToken: CheckInServiceHost.Deadline);
        await RpcErrors.AssertFailsAsync(StatusCode.Unauthenticated, "CALLER_NOT_AUTHENTICATED", () => attend.ResponseStream.MoveNext(CheckInServiceHost.Deadline));

        using var watch = await host.WatchAsync();
    }

    [Fact]
    public async Task Health_of_the_check_in_service_follows_the_face_readers_link()
    {
        await using var host = await CheckInServiceHost.StartAsync();
        var health = new Health.HealthClient(host.Service.Channel);
        using var watch = await host.WatchAsync();

        var connected = await health.CheckAsync(new HealthCheckRequest { Service = "onshi.device.v1.CheckIn" }, deadline: DateTime.UtcNow.AddSeconds(10));
        await host.PlayAsync("unplug");
        await WaitForLinkAsync(watch, connected: false);
        var unplugged = await health.CheckAsync(new HealthCheckRequest { Service = "onshi.device.v1.CheckIn" }, deadline: DateTime.UtcNow.AddSeconds(10));
        var whole = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal(ServingStatus.Serving, connected.Status);
        Assert.Equal(ServingStatus.NotServing, unplugged.Status);
        Assert.Equal(ServingStatus.Serving, whole.Status);
    }

    [Fact]
    public async Task List_face_readers_tells_the_configuration_the_link_and_the_check_in_in_progress()
    {
        await using var host = await CheckInServiceHost.StartAsync();
        using var desk = await host.AttendAsync();
        await host.PlayAsync("""
            place-card
            expect method-choice
            """);
        var started = (await desk.UntilAsync(Kind.Started))[^1];

        var state = (await host.Client.ListFaceReadersAsync(new Contract.ListFaceReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10))).FaceReaders.Single();

        Assert.Equal(CheckInServiceHost.FaceReader, state.FaceReader);
        Assert.Equal(host.Cable.Name, state.SerialPort);
        Assert.Equal(CheckInServiceHost.SlotReader, state.CardSlotReader);
        Assert.True(state.Connected);
        Assert.Equal(host.Reader.SerialNumber, state.Info.SerialNumber);
        Assert.Equal(started.CheckInId, state.CheckInId);
        Assert.True(state.Attended);
    }

    [Fact]
    public async Task Stopping_the_service_cancels_the_check_in_then_ends_every_stream_with_service_stopping()
    {
        var host = await CheckInServiceHost.StartAsync();
        await using var disposeHost = host;
        using var desk = await host.AttendAsync();
        using var watch = await host.WatchAsync();
        await host.PlayAsync("""
            place-card
            expect method-choice
            """);
        await desk.UntilAsync(Kind.Started);

        var stopping = host.Service.StopAsync();
        var events = await desk.UntilEndAsync();
        var deskEnd = await Assert.ThrowsAsync<RpcException>(() => desk.NextAsync());
        var watched = await CheckInStreams.UntilEndAsync(watch, CheckInServiceHost.Patience);
        var watchEnd = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CheckInServiceHost.Deadline));
        await stopping;

        Assert.Equal(Contract.CheckInCancelledBy.Service, events[^1].Cancelled.By);
        Assert.Equal(Kind.Cancelled, watched[^1].KindCase);
        Assert.Equal((StatusCode.Unavailable, "SERVICE_STOPPING"), (deskEnd.StatusCode, deskEnd.Info().Reason));
        Assert.Equal((StatusCode.Unavailable, "SERVICE_STOPPING"), (watchEnd.StatusCode, watchEnd.Info().Reason));
    }

    private static async Task WaitForLinkAsync(AsyncServerStreamingCall<Contract.WatchCheckInsResponse> watch, bool connected)
    {
        var deadline = CheckInServiceHost.Deadline;
        while (await watch.ResponseStream.MoveNext(deadline))
        {
            if (watch.ResponseStream.Current.Event.ReaderState is { } state && state.Connected == connected)
            {
                return;
            }
        }
    }
}
