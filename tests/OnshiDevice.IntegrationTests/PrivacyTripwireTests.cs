using System.CommandLine;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using OnshiDevice.Cli;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using CertificatesClient = OnshiDevice.Contracts.V1.Certificates.CertificatesClient;
using ReadersClient = OnshiDevice.Contracts.V1.Readers.ReadersClient;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// Every RPC of Readers, Cards and Certificates and every `onshi` command, run against every catalogue card and
/// against cards with distinctive PINs. The host's teardown is the check (<see cref="DeviceServiceHost.DisposeAsync"/>):
/// no SELECT of the 券面事項入力補助AP or 住基AP, no read of the 個人番号, and no PIN, password or personal data in
/// any log line at Trace level. The tables must name every RPC and command: a new one fails here until it is added.
/// </summary>
public sealed class PrivacyTripwireTests
{
    private static readonly string[] ServiceNames = ["onshi.device.v1.Readers", "onshi.device.v1.Cards", "onshi.device.v1.Certificates", "onshi.device.v1.DeviceStatus"];

    public static TheoryData<string> Cards => [.. VirtualCardCatalog.Names.Concat([DistinctiveMyNumber, DistinctiveHpki])];

    private const string DistinctiveMyNumber = "distinctive-my-number";
    private const string DistinctiveHpki = "distinctive-hpki";

    private static DateTime Soon => DateTime.UtcNow.AddSeconds(10);

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Every_rpc_leaves_the_tripwires_untouched(string cardName)
    {
        var card = Card(cardName);
        await using var host = await DeviceServiceHost.StartWithCardAsync(card.Create(), InProcessDeviceService.AllowJpkiSigningCertificateRead);
        var calls = RpcCalls(host, card);

        Assert.Equal(AllRpcs().Order(StringComparer.Ordinal), calls.Keys.Order(StringComparer.Ordinal));
        foreach (var (_, variants) in calls)
        {
            foreach (var call in variants)
            {
                await IgnoringServiceErrors(call);
            }
        }

        AssertTheLogWasCaptured(host);
        AssertNoViolation(host);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Every_cli_command_leaves_the_tripwires_untouched(string cardName)
    {
        var card = Card(cardName);
        await using var host = await DeviceServiceHost.StartWithCardAsync(card.Create(), InProcessDeviceService.AllowJpkiSigningCertificateRead);
        var certificate = Path.Combine(Path.GetTempPath(), $"onshi-tripwire-{Guid.NewGuid():N}.der");
        await File.WriteAllBytesAsync(certificate, card.Certificates(host.VirtualCard)[0]);
        try
        {
            var commands = CliCommands(card, certificate);

            Assert.Equal(AllCliCommands().Order(StringComparer.Ordinal), commands.Keys.Order(StringComparer.Ordinal));
            foreach (var (_, variants) in commands)
            {
                foreach (var (input, args, stopAfter) in variants)
                {
                    using var stop = new CancellationTokenSource(stopAfter ?? TimeSpan.FromSeconds(20));
                    var result = await InProcessCli.RunAsync(host, new CliOptions { Input = input, Cancellation = stop.Token }, args);
                    Assert.True(result.ExitCode is 0 or 2 or 3 or 4, $"onshi {string.Join(' ', args)}: exit code {result.ExitCode}; stderr: {result.Error}");
                    AssertNoPinEchoed(result, args);
                }
            }
        }
        finally
        {
            File.Delete(certificate);
        }

        AssertTheLogWasCaptured(host);
        AssertNoViolation(host);
    }

    /// <summary>The method names of the three services, from the contract itself.</summary>
    private static IEnumerable<string> AllRpcs() =>
        new[] { Readers.Descriptor, Contracts.V1.Cards.Descriptor, Certificates.Descriptor, DeviceStatus.Descriptor }
            .SelectMany(service => service.Methods)
            .Select(method => method.FullName);

    /// <summary>The leaf commands of `onshi`, from its command tree ("cert read", "hpki check", ...).</summary>
    private static IEnumerable<string> AllCliCommands()
    {
        var io = new CliIo { Out = TextWriter.Null, Error = TextWriter.Null, RawOut = Stream.Null, In = TextReader.Null, GetEnvironmentVariable = _ => null };
        var root = new OnshiCli(io, _ => throw new InvalidOperationException("not connected")).Build();
        return Leaves(root, "");

        static IEnumerable<string> Leaves(Command command, string prefix) =>
            command.Subcommands.Count == 0
                ? [prefix.Trim()]
                : command.Subcommands.SelectMany(sub => Leaves(sub, $"{prefix} {sub.Name}"));
    }

    private static Dictionary<string, List<Func<Task>>> RpcCalls(DeviceServiceHost host, TripwireCard card)
    {
        var readers = new ReadersClient(host.Channel);
        var cards = new CardsClient(host.Channel);
        var certificates = new CertificatesClient(host.Channel);
        const string reader = DeviceServiceHost.CardReaderName;
        var pinKinds = Enum.GetValues<PinKind>().Where(kind => kind != PinKind.Unspecified).ToList();
        var certificateKinds = Enum.GetValues<CertificateKind>().Where(kind => kind != CertificateKind.Unspecified).ToList();
        var keyKinds = Enum.GetValues<KeyKind>().Where(kind => kind != KeyKind.Unspecified).ToList();
        var purposes = Enum.GetValues<CertificatePurpose>().Where(purpose => purpose != CertificatePurpose.Unspecified).ToList();
        var digest = ByteString.CopyFrom(SHA256.HashData("tripwire"u8));

        return new Dictionary<string, List<Func<Task>>>(StringComparer.Ordinal)
        {
            [Method(Readers.Descriptor, "ListReaders")] = [async () => await readers.ListReadersAsync(new ListReadersRequest(), deadline: Soon)],
            [Method(Readers.Descriptor, "WatchReaders")] = [() => WatchInitialEventsAsync(readers)],
            [Method(Contracts.V1.Cards.Descriptor, "IdentifyCard")] = [async () => await cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = reader }, deadline: Soon)],
            [Method(Contracts.V1.Cards.Descriptor, "GetPinStatus")] =
                [.. pinKinds.Select<PinKind, Func<Task>>(kind => async () => await cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = reader, PinKind = kind }, deadline: Soon))],
            [Method(Contracts.V1.Cards.Descriptor, "VerifyPin")] =
            [
                .. pinKinds.Select<PinKind, Func<Task>>(kind => async () =>
                    await cards.VerifyPinAsync(new VerifyPinRequest { Reader = reader, PinKind = kind, Pin = card.PinFor(kind) }, deadline: Soon)),
                async () => await cards.VerifyPinAsync(new VerifyPinRequest { Reader = reader, PinKind = PinKind.JpkiAuthPin, Pin = card.WrongAuthPin }, deadline: Soon),
            ],
            [Method(Contracts.V1.Cards.Descriptor, "ReadCertificate")] =
                [.. certificateKinds.Select<CertificateKind, Func<Task>>(kind => async () => await cards.ReadCertificateAsync(
                    new ReadCertificateRequest { Reader = reader, Kind = kind, Pin = kind == CertificateKind.JpkiSigning ? card.SigningPassword : "" }, deadline: Soon))],
            [Method(Contracts.V1.Cards.Descriptor, "Sign")] =
                [.. keyKinds.Select<KeyKind, Func<Task>>(key => async () => await cards.SignAsync(
                    new SignRequest { Reader = reader, Key = key, Pin = card.PinFor(key), Sha256Digest = digest }, deadline: Soon))],
            [Method(DeviceStatus.Descriptor, "GetStatus")] = [async () => await new DeviceStatus.DeviceStatusClient(host.Channel).GetStatusAsync(new GetStatusRequest(), deadline: Soon)],
            [Method(Certificates.Descriptor, "Verify")] =
                [.. card.Certificates(host.VirtualCard).SelectMany(der => purposes.Select<CertificatePurpose, Func<Task>>(purpose => async () => await certificates.VerifyAsync(
                    new VerifyRequest { Der = ByteString.CopyFrom(der), Purpose = purpose }, deadline: Soon)))],
        };
    }

    private static Dictionary<string, List<(string Input, string[] Args, TimeSpan? StopAfter)>> CliCommands(TripwireCard card, string certificateFile)
    {
        var none = (TimeSpan?)null;
        return new Dictionary<string, List<(string, string[], TimeSpan?)>>(StringComparer.Ordinal)
        {
            ["readers"] = [("", ["readers"], none)],
            ["health"] = [("", ["health"], none), ("", ["health", "--json"], none)],
            ["watch"] = [("", ["watch"], TimeSpan.FromSeconds(1))],
            ["card info"] = [("", ["card", "info"], none)],
            ["cert read"] =
                [.. Cli.Commands.Names.CertificateKinds.Select(kind => (kind == "signing" ? card.SigningPassword + "\n" : "", new[] { "cert", "read", "--kind", kind }, none))],
            ["cert verify"] = [.. Cli.Commands.Names.Purposes.Select(purpose => ("", new[] { "cert", "verify", "--purpose", purpose, certificateFile }, none))],
            ["pin status"] = [.. Cli.Commands.Names.PinKinds.Select(kind => ("", new[] { "pin", "status", "--kind", kind }, none))],
            ["hpki check"] = [(card.HpkiPin + "\n", new[] { "hpki", "check" }, none), (card.HpkiPin + "\n", new[] { "hpki", "check", "--json" }, none)],
            // No face reader is configured here: the point is that none of them prints or logs what it was given.
            ["checkin list"] = [("", ["checkin", "list"], none), ("", ["checkin", "list", "--json"], none)],
            ["checkin watch"] = [("", ["checkin", "watch", "desk-1"], TimeSpan.FromSeconds(1))],
            ["checkin attend"] = [("help\ncancel\n", ["checkin", "attend", "desk-1"], TimeSpan.FromSeconds(1))],
        };
    }

    private static async Task WatchInitialEventsAsync(ReadersClient readers)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var watch = readers.WatchReaders(new WatchReadersRequest(), cancellationToken: stop.Token);
        var seen = 0;
        while (seen < 3 && await watch.ResponseStream.MoveNext(stop.Token))
        {
            seen++;
        }
    }

    private static string Method(ServiceDescriptor service, string name) => service.FindMethodByName(name)?.FullName ?? $"{service.FullName}.{name} (missing)";

    private static async Task IgnoringServiceErrors(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException refused) when (refused.StatusCode != StatusCode.Internal && refused.StatusCode != StatusCode.Unknown)
        {
            // A refusal (blocked PIN, wrong card, wrong kind) is a fine answer; only what the card saw and the log say matter here.
        }
    }

    private static void AssertNoPinEchoed(CliResult result, string[] args)
    {
        // The CLI's own output may show what the user asked for (a certificate); it must never echo the PIN typed.
        var pins = SensitiveTextScanner.ForCatalogueCards();
        foreach (var pin in new[] { DistinctiveCard.AuthPin, DistinctiveCard.SigningPassword, DistinctiveCard.HpkiPin })
        {
            pins.AddSecret(pin, "a distinctive PIN");
        }

        var echoed = pins.Find(result.Output + "\n" + result.Error).Where(label => label.Contains("PIN", StringComparison.Ordinal) || label.Contains("password", StringComparison.Ordinal)).ToList();
        Assert.True(echoed.Count == 0, $"onshi {string.Join(' ', args)} printed {string.Join(", ", echoed)}");
    }

    private static void AssertTheLogWasCaptured(DeviceServiceHost host)
    {
        // The tripwire is only as good as the capture: Trace entries of the pipeline and the service's own lines must be there.
        Assert.Contains(host.LogEntries, entry => entry.StartsWith("Trace ", StringComparison.Ordinal));
        Assert.Contains(host.LogEntries, entry => entry.Contains("OnshiDevice.Service", StringComparison.Ordinal));
    }

    private static void AssertNoViolation(DeviceServiceHost host)
    {
        if (host.VirtualCard is VirtualMyNumberCard myNumber)
        {
            Assert.Empty(myNumber.PrivacyViolations);
            Assert.True(myNumber.CommandsReceived > 0, "The card was never reached, so the tripwire proved nothing.");
        }
    }

    private static TripwireCard Card(string name) => name switch
    {
        DistinctiveMyNumber => new TripwireCard(
            () => VirtualMyNumberCards.Custom(DistinctiveCard.AuthPin, DistinctiveCard.SigningPassword, VirtualMyNumberCard.AuthPinMaximumTries, VirtualMyNumberCard.SigningPasswordMaximumTries),
            DistinctiveCard.AuthPin, DistinctiveCard.SigningPassword, DistinctiveCard.HpkiPin),
        DistinctiveHpki => new TripwireCard(
            () => VirtualHpkiCards.Custom(DistinctiveCard.HpkiPin, DistinctiveCard.HpkiPin, VirtualHpkiCard.MaximumTries, VirtualHpkiCard.MaximumTries),
            DistinctiveCard.AuthPin, DistinctiveCard.SigningPassword, DistinctiveCard.HpkiPin),
        _ => new TripwireCard(() => VirtualCardCatalog.Create(name), VirtualMyNumberCards.AuthPin, VirtualMyNumberCards.SigningPassword, VirtualHpkiCards.Pin),
    };

    /// <summary>PINs no log, port or length would hold by chance.</summary>
    private static class DistinctiveCard
    {
        public const string AuthPin = "7295";
        public const string SigningPassword = "TRIPWIRE86";
        public const string HpkiPin = "8361";
    }

    private sealed record TripwireCard(Func<IVirtualCard> Create, string AuthPin, string SigningPassword, string HpkiPin)
    {
        public string WrongAuthPin => AuthPin == "4862" ? "4863" : "4862";

        public string PinFor(PinKind kind) => kind switch
        {
            PinKind.JpkiAuthPin => AuthPin,
            PinKind.JpkiSigningPassword => SigningPassword,
            _ => HpkiPin,
        };

        public string PinFor(KeyKind key) => key switch
        {
            KeyKind.JpkiAuthKey => AuthPin,
            KeyKind.JpkiSigningKey => SigningPassword,
            _ => HpkiPin,
        };

        /// <summary>The card's certificates (the signing one first), for Verify.</summary>
        public IReadOnlyList<byte[]> Certificates(IVirtualCard card) => card switch
        {
            VirtualMyNumberCard myNumber => [myNumber.SigningCertificate, myNumber.AuthCertificate],
            VirtualHpkiCard hpki => [hpki.SigningCertificate, hpki.AuthenticationCertificate],
            _ => [],
        };
    }
}
