using OnshiDevice.Simulators.MyNumber;
using Kind = OnshiDevice.Contracts.V1.CheckInEvent.KindOneofCase;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>`onshi checkin` against the real CheckIn service, staff typing at the desk while the patient plays at the reader.</summary>
public sealed class CheckInCliEndToEndTests
{
    [Fact]
    public async Task Staff_attend_a_visual_check_from_the_command_line_and_the_watch_shows_the_same_check_in()
    {
        await using var host = await CheckInServiceHost.StartAsync();
        using var follow = await host.WatchAsync();
        using var ctrlC = new CancellationTokenSource();
        using var keys = new LineFeed();
        var desk = InProcessCli.RunAsync(host.Service.CreateChannel, new CliOptions { InputReader = keys, Cancellation = ctrlC.Token }, "checkin", "attend", CheckInServiceHost.FaceReader);
        var watch = InProcessCli.RunAsync(host.Service.CreateChannel, new CliOptions { Cancellation = ctrlC.Token }, "checkin", "watch", CheckInServiceHost.FaceReader);
        await WaitUntilAttendedAsync(host);

        await host.PlayAsync("""
            place-card
            expect method-choice
            """);
        keys.Type("visual");
        await UntilAsync(follow, Kind.CardFaceNumberNeeded);
        keys.Type("number");
        keys.Type(VirtualMyNumberCards.CardFaceNumberB);
        await UntilAsync(follow, Kind.VisualCheckNeeded);
        keys.Type("confirm");
        await host.PlayAsync("""
            consents agree
            expect result passed
            """);
        await UntilAsync(follow, Kind.Completed);
        await ctrlC.CancelAsync();
        var attended = await desk;
        var watched = await watch;

        Assert.Equal(0, attended.ExitCode);
        Assert.Contains("VISUAL_CHECK", attended.Output, StringComparison.Ordinal);
        Assert.Contains("COMPLETED", attended.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(VirtualMyNumberCards.CardFaceNumberB, attended.Output + attended.Error, StringComparison.Ordinal);
        Assert.Contains("COMPLETED", watched.Output, StringComparison.Ordinal);
        Assert.Equal(["STARTED", "METHOD_CHOSEN", "CARD_FACE_NUMBER_NEEDED", "CARD_FACE_NUMBER_RESULT", "VISUAL_CHECK_NEEDED", "CONSENT_RECORDED", "CONSENT_RECORDED", "COMPLETED"], Kinds(watched.Output).Where(kind => kind != "READER_STATE"));
        Assert.Equal(
            Kinds(attended.Output).Where(kind => kind != "READER_STATE"),
            Kinds(watched.Output).Where(kind => kind != "READER_STATE"));
    }

    [Fact]
    public async Task The_list_shows_the_configured_reader_connected()
    {
        await using var host = await CheckInServiceHost.StartAsync();

        var result = await InProcessCli.RunAsync(host.Service.CreateChannel, new CliOptions(), "checkin", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(CheckInServiceHost.FaceReader, result.Output, StringComparison.Ordinal);
        Assert.Contains(CheckInServiceHost.SlotReader, result.Output, StringComparison.Ordinal);
    }

    /// <summary>The event kind of each line (the word after the time and its zone, "09:00:01 UTC STARTED ...").</summary>
    private static List<string> Kinds(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(words => words.Length > 2).Select(words => words[2]).ToList();

    private static async Task WaitUntilAttendedAsync(CheckInServiceHost host)
    {
        var deadline = CheckInServiceHost.Deadline;
        while (!(await host.Client.ListFaceReadersAsync(new Contracts.V1.ListFaceReadersRequest(), cancellationToken: deadline)).FaceReaders.Single().Attended)
        {
            await Task.Delay(20, deadline);
        }
    }

    private static async Task UntilAsync(Grpc.Core.AsyncServerStreamingCall<Contracts.V1.WatchCheckInsResponse> watch, Kind kind)
    {
        var deadline = CheckInServiceHost.Deadline;
        while (await watch.ResponseStream.MoveNext(deadline))
        {
            if (watch.ResponseStream.Current.Event.KindCase == kind)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The watch ended before {kind}.");
    }
}
