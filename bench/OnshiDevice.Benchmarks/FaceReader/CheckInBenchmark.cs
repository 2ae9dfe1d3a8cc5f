using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Contracts.V1;
using OnshiDevice.PcSc;
using OnshiDevice.Simulators.FaceReader.Scenarios;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.TestSupport;

namespace OnshiDevice.Benchmarks.FaceReader;

/// <summary>
/// `checkin [rounds]`: what the service adds to a check-in over the card's own APDU time. Per set-up — (a) in-process:
/// the PC/SC simulator and the in-process cable; (b) the real pcscd + vpcd slot 1 and a socat pty pair the service opens
/// as its serial port — and per round, side by side: (1) the whole check-in as reception software sees it, from the
/// scenario's place-card until the desk has `completed` over AttendCheckIns, the patient's steps instant (PIN method,
/// two consent screens); (2) the baseline: the same card calls (SELECT of the JPKI AP, the PIN status, read + verify the
/// auth certificate, VERIFY + sign a challenge + check it) through CheckInCard straight on the same card and PC/SC
/// binding, no service; and their difference per round. In (b) also (3): from place-card until pcscd reports the card
/// (vpcd gives no notice of a card: pcscd finds it at its status poll, every 400 ms), which a check-in must wait for and a
/// baseline on a card already there does not; and (1) − (2) − (3) per round, what is left to the service itself.
/// </summary>
internal static class CheckInBenchmark
{
    private const int WarmUpRounds = 3;
    private const double TargetOverheadMilliseconds = 150;
    private const string VpcdSlotReader = "Virtual PCD 00 01";
    private const int VpcdSlotPort = 35964;
    private const int PcscdPollMilliseconds = 400;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private static readonly IReadOnlyList<ScenarioStep> CheckIn = ScenarioParser.Parse($"""
        place-card
        choose pin
        pin {VirtualMyNumberCards.AuthPin}
        consents agree
        """);

    private static readonly IReadOnlyList<ScenarioStep> TakeCardOff = ScenarioParser.Parse("remove-card");

    public static async Task<int> RunAsync(int rounds)
    {
        Console.WriteLine(Invariant($"check-in overhead: {rounds} rounds per set-up after {WarmUpRounds} warm-up rounds; PIN method, instant patient steps, 2 consent screens"));
        Console.WriteLine();
        Console.WriteLine($"{"set-up / measure",-66} {"median ms",10} {"p99 ms",8}");
        await using (var inProcess = await CheckInBenchHost.InProcessAsync())
        {
            await MeasureAsync("in-process", inProcess, rounds, arrivalOn: null);
        }

        var pcscd = PcscApi.ForCurrentPlatform();
        if (VpcdSlotMissing(pcscd) is { } why)
        {
            Console.WriteLine($"pty + pcscd + vpcd: skipped, {why} (start it with scripts/start-pcscd)");
            return 0;
        }

        await using (var throughPcscd = await CheckInBenchHost.ThroughPcscdAsync(pcscd, VpcdSlotReader, VpcdSlotPort))
        {
            await PcscPresence.WaitAsync(pcscd, VpcdSlotReader, present: false);
            await MeasureAsync("pty + pcscd + vpcd", throughPcscd, rounds, arrivalOn: pcscd);
        }

        return 0;
    }

    private static async Task MeasureAsync(string setUp, CheckInBenchHost host, int rounds, IPcscApi? arrivalOn)
    {
        using var desk = await CheckInDesk.AttendAsync(host.Client, CheckInBenchHost.FaceReader, Patience);
        var whole = new List<double>();
        var baseline = new List<double>();
        var overhead = new List<double>();
        var arrival = new List<double>();
        var serviceOnly = new List<double>();
        for (var round = -WarmUpRounds; round < rounds; round++)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Task<long>? arrived = null;
            if (arrivalOn is not null)
            {
                // The last round ended on one of pcscd's polls (it saw the card go); a patient comes at any point of the next.
                await Task.Delay(Random.Shared.Next(PcscdPollMilliseconds), limit.Token);
                arrived = await PcscPresence.WatchForArrivalAsync(arrivalOn, VpcdSlotReader);
            }

            var placed = Stopwatch.GetTimestamp();
            var playing = host.Player.PlayAsync(CheckIn, limit.Token);
            var events = await desk.UntilEndAsync();
            var checkIn = Stopwatch.GetElapsedTime(placed).TotalMilliseconds;
            await playing;
            if (events[^1].KindCase != CheckInEvent.KindOneofCase.Completed || events[^1].Completed.Method != CheckInMethod.Pin || !events[^1].Completed.Verification.Valid)
            {
                throw new InvalidOperationException($"{setUp}, round {round}: the check-in ended {events[^1]}, not completed by PIN with a valid certificate.");
            }

            var calls = Stopwatch.GetTimestamp();
            await CardCallsAsync(host, limit.Token);
            var cardOnly = Stopwatch.GetElapsedTime(calls).TotalMilliseconds;

            var cardSeen = arrived is null ? 0 : Stopwatch.GetElapsedTime(placed, await arrived).TotalMilliseconds;
            await host.Player.PlayAsync(TakeCardOff, limit.Token);
            await host.CardGoneAsync();
            if (round >= 0)
            {
                whole.Add(checkIn);
                baseline.Add(cardOnly);
                overhead.Add(checkIn - cardOnly);
                arrival.Add(cardSeen);
                serviceOnly.Add(checkIn - cardOnly - cardSeen);
            }
        }

        Print($"{setUp}: (1) check-in, place-card → desk has completed", whole);
        Print($"{setUp}: (2) baseline, the same card calls without the service", baseline);
        var (medianOverhead, p99Overhead) = Print($"{setUp}: overhead (1) − (2), per round", overhead);
        Console.WriteLine(Invariant(
            $"{setUp}: overhead under {TargetOverheadMilliseconds:0} ms: median {Verdict(medianOverhead)}, p99 {Verdict(p99Overhead)}"));
        if (arrivalOn is not null)
        {
            Print($"{setUp}: (3) place-card → pcscd reports the card (part of (1))", arrival);
            var (medianService, p99Service) = Print($"{setUp}: overhead less pcscd's card notice (1) − (2) − (3)", serviceOnly);
            Console.WriteLine(Invariant(
                $"{setUp}: overhead less pcscd's card notice under {TargetOverheadMilliseconds:0} ms: median {Verdict(medianService)}, p99 {Verdict(p99Service)}"));
        }
    }

    /// <summary>The card work of a PIN check-in, in the flow's order, on the card the check-in just used.</summary>
    private static async Task CardCallsAsync(CheckInBenchHost host, CancellationToken cancellationToken)
    {
        var card = host.DirectCard;
        if (!await card.IsMyNumberCardAsync(cancellationToken))
        {
            throw new InvalidOperationException("The baseline's card is not a My Number card.");
        }

        await card.GetAuthPinStatusAsync(cancellationToken);
        var certificate = await card.ReadAuthCertificateAsync(cancellationToken);
        if (!certificate.Verdict.IsValid)
        {
            throw new InvalidOperationException($"The baseline's certificate does not verify: {string.Join(", ", certificate.Verdict.Failures)}.");
        }

        using var pin = SecretEntry.Copy(System.Text.Encoding.ASCII.GetBytes(VirtualMyNumberCards.AuthPin));
        await card.VerifyPinAndProveAsync(pin, LastTryPolicy.Refuse, RandomNumberGenerator.GetBytes(32), cancellationToken);
    }

    private static string? VpcdSlotMissing(IPcscApi api)
    {
        try
        {
            using var context = PcscContext.Establish(api);
            return context.GetReaders().Contains(VpcdSlotReader, StringComparer.Ordinal) ? null : $"pcscd shows no reader {VpcdSlotReader}";
        }
        catch (Exception e) when (e is PcscException or DllNotFoundException)
        {
            return $"no pcscd to talk to ({e.GetType().Name})";
        }
    }

    private static (double Median, double P99) Print(string what, List<double> times)
    {
        var sorted = times.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var p99 = sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))];
        Console.WriteLine(Invariant($"{what,-66} {median,10:0.0} {p99,8:0.0}"));
        return (median, p99);
    }

    private static string Verdict(double milliseconds) => Invariant($"{milliseconds:0.0} ms, {(milliseconds < TargetOverheadMilliseconds ? "yes" : "NO")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
