using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader;

namespace OnshiDevice.Benchmarks.FaceReader;

/// <summary>
/// `face-link [rounds]`: the face reader protocol's cost per step of a check-in, on the in-process cable and on a
/// socat pty pair opened with System.IO.Ports (what a USB virtual COM port looks like to the host). Per transport, side
/// by side: a host command until its Ack (ShowConsent), a reader event until the host reads it (ConsentAnswered), the
/// card photo (8 KiB) until its Ack, and the baseline: 8 bytes written and echoed back by a bare loop on the same
/// transport, no protocol. Also the parser alone (MB/s over a stream of frames).
/// </summary>
internal static class FaceLinkBenchmark
{
    private static readonly FaceReaderLinkOptions Link = new();

    public static async Task<int> RunAsync(int rounds)
    {
        ParserThroughput();
        Console.WriteLine();
        Console.WriteLine($"{"transport / step",-54} {"median ms",10} {"p99 ms",8}");
        await InProcessAsync(rounds);
        await PtyAsync(rounds);
        return 0;
    }

    private static void ParserThroughput()
    {
        var frame = FrameEncoder.Encode(1, MessageType.StartFaceCapture, Enumerable.Range(0, 8192).Select(i => (byte)i).ToArray());
        var stream = Enumerable.Repeat(frame, 256).SelectMany(f => f).ToArray();
        var frames = 0;
        var parser = new FrameParser((_, _, _) => frames++);
        for (var warm = 0; warm < 5; warm++)
        {
            parser.Feed(stream);
        }

        frames = 0;
        var clock = Stopwatch.StartNew();
        const int Passes = 40;
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var chunk in stream.Chunk(4096))
            {
                parser.Feed(chunk);
            }
        }

        var megabytes = stream.Length * (double)Passes / (1024 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parser: {megabytes / clock.Elapsed.TotalSeconds:0} MB/s over 8 KiB frames fed in 4 KiB reads ({frames} frames)"));
    }

    private static async Task InProcessAsync(int rounds)
    {
        await using var device = new VirtualFaceReader(linkOptions: Link);
        var cable = new InProcessFaceReaderCable(device);
        await using var driver = FaceReaderDriver.Start(cable, Link, TimeProvider.System, NullLogger.Instance);
        await ConnectedAsync(driver, device);
        await MeasureStepsAsync("in-process cable", driver, device, rounds);

        var (host, reader) = DuplexPipeStream.CreatePair();
        await MeasureEchoAsync("in-process cable", host, reader, rounds);
    }

    private static async Task PtyAsync(int rounds)
    {
        using var cable = await SocatCable.CreateAsync(folder: null, CancellationToken.None);
        await using (var device = new VirtualFaceReader(linkOptions: Link))
        {
            using var serving = new CancellationTokenSource();
            var serve = device.ServeAsync(new SerialFaceReaderPort(cable.ReaderEnd), serving.Token);
            await using (var driver = FaceReaderDriver.Start(new SerialFaceReaderPort(cable.HostEnd), Link, TimeProvider.System, NullLogger.Instance))
            {
                await ConnectedAsync(driver, device);
                await MeasureStepsAsync("pty pair (System.IO.Ports)", driver, device, rounds);
            }

            await serving.CancelAsync();
            await serve;
        }

        await using var hostEnd = await new SerialFaceReaderPort(cable.HostEnd).OpenAsync(CancellationToken.None);
        await using var readerEnd = await new SerialFaceReaderPort(cable.ReaderEnd).OpenAsync(CancellationToken.None);
        await MeasureEchoAsync("pty pair (System.IO.Ports)", hostEnd, readerEnd, rounds);
    }

    private static async Task MeasureStepsAsync(string transport, FaceReaderDriver driver, VirtualFaceReader device, int rounds)
    {
        var photo = new byte[8192];
        device.AnswersCapturesItself = false;
        Print($"{transport}: command until Ack", await TimeAsync(rounds, () => driver.SendAsync(new ShowConsent(ConsentTopic.Medication), CancellationToken.None)));
        Print($"{transport}: event until the host has it", await TimeAsync(rounds, async () =>
        {
            await device.AnswerConsentAsync(ConsentTopic.Medication, ConsentAnswer.Agreed, CancellationToken.None);
            await driver.Events.ReadAsync();
        }));
        Print($"{transport}: 8 KiB photo until Ack", await TimeAsync(rounds, () => driver.SendAsync(new StartFaceCapture(photo), CancellationToken.None)));
    }

    private static async Task MeasureEchoAsync(string transport, Stream host, Stream reader, int rounds)
    {
        using var stop = new CancellationTokenSource();
        var echo = Task.Run(async () =>
        {
            var buffer = new byte[64];
            try
            {
                while (true)
                {
                    var read = await reader.ReadAsync(buffer, stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    await reader.WriteAsync(buffer.AsMemory(0, read), stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var message = new byte[8];
        var answer = new byte[8];
        Print($"{transport}: baseline, 8 bytes echoed", await TimeAsync(rounds, async () =>
        {
            await host.WriteAsync(message);
            var got = 0;
            while (got < answer.Length)
            {
                got += await host.ReadAsync(answer.AsMemory(got));
            }
        }));
        await stop.CancelAsync();
        await echo;
    }

    private static async Task ConnectedAsync(FaceReaderDriver driver, VirtualFaceReader device)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await driver.Events.ReadAsync(limit.Token) is not LinkRestored)
        {
        }

        await device.WaitConnectedAsync(limit.Token);
    }

    private static async Task<double[]> TimeAsync(int rounds, Func<Task> step)
    {
        for (var warm = 0; warm < Math.Min(200, rounds); warm++)
        {
            await step();
        }

        var times = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await step();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static void Print(string what, double[] sorted) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-54} {sorted[sorted.Length / 2],10:0.000} {sorted[(int)(sorted.Length * 0.99)],8:0.000}"));
}
