// A sample reception program for OnshiDevice (docs/CLIENTS.md): the call sequence of a patient's check-in with a
// My Number card and its PIN. Every call has a deadline; every error is read from its google.rpc.ErrorInfo reason.
//
//   reception-client [--address unix:/path/to/onshi-device.sock | http://127.0.0.1:50151] [--allow-last-try]
//
// The patient's PIN is read from standard input (a terminal, or a pipe from the program that asked for it);
// it never goes on a command line, where other users of the PC could read it.
using System.Net.Sockets;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using OnshiDevice.Contracts.V1;

var address = Option("--address") ?? DefaultAddress();
var allowLastTry = args.Contains("--allow-last-try");
using var channel = Connect(address);
var readers = new Readers.ReadersClient(channel);
var cards = new Cards.CardsClient(channel);
var certificates = new Certificates.CertificatesClient(channel);

try
{
    // 1. Is the service up, with PC/SC? (Each service name has its own health: docs/ERRORS.md, "Health".)
    var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "onshi.device.v1.Cards" }, deadline: In(5));
    Console.WriteLine($"health: {health.Status}");
    if (health.Status != HealthCheckResponse.Types.ServingStatus.Serving)
    {
        Console.Error.WriteLine("the card service is not serving: run `onshi health` for what to do");
        return 3;
    }

    // 2. Wait for a card: the stream first describes the readers as they are, then reports changes.
    var reader = await WaitForCardAsync(readers, TimeSpan.FromSeconds(60));
    Console.WriteLine($"card on: {reader}");

    // 3. Which card is it? Found by the application ids it answers, never by its ATR.
    var card = await cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = reader }, deadline: In(10));
    Console.WriteLine($"card type: {card.CardType}");
    if (card.CardType != CardType.MyNumber)
    {
        Console.Error.WriteLine("this is not a My Number card");
        return 4;
    }

    // 4. The eligibility check is keyed on the user-authentication certificate; reading it needs no PIN.
    var certificate = await cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = reader, Kind = CertificateKind.JpkiAuth }, deadline: In(10));
    var verified = await certificates.VerifyAsync(new VerifyRequest { Der = certificate.Der, Purpose = CertificatePurpose.JpkiAuthentication }, deadline: In(10));
    Console.WriteLine($"certificate: {(verified.Valid ? "valid" : "NOT valid")}, revocation {verified.Revocation}");

    // 5. Ask for the PIN only after saying how many tries are left; the service refuses the last try unless allowed.
    var pin = await cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = reader, PinKind = PinKind.JpkiAuthPin }, deadline: In(10));
    Console.WriteLine($"PIN tries left: {pin.Status.TriesLeft} of {pin.Status.MaxTries}");
    Console.Error.Write("PIN (4 digits): ");
    var typed = Console.ReadLine() ?? string.Empty;

    // 6. Prove the patient holds the card: the card signs a fresh challenge after checking the PIN, in one transaction.
    var challenge = SHA256.HashData(RandomNumberGenerator.GetBytes(32));
    var signed = await cards.SignAsync(
        new SignRequest { Reader = reader, Key = KeyKind.JpkiAuthKey, Pin = typed, Sha256Digest = ByteString.CopyFrom(challenge), AllowLastTry = allowLastTry },
        deadline: In(20));
    Console.WriteLine($"signed the challenge: {signed.Signature.Length} bytes");
    return verified.Valid ? 0 : 5;
}
catch (RpcException failure)
{
    // The reason (docs/ERRORS.md) is what a program branches on; the message is for people.
    var info = failure.GetRpcStatus()?.GetDetail<ErrorInfo>();
    var reason = info?.Reason ?? failure.StatusCode.ToString();
    var triesLeft = info?.Metadata.TryGetValue("tries_left", out var tries) == true ? $" (tries left: {tries})" : string.Empty;
    Console.Error.WriteLine($"error: {reason}{triesLeft}: {failure.Status.Detail}");
    return 2;
}

static DateTime In(int seconds) => DateTime.UtcNow.AddSeconds(seconds);

static async Task<string> WaitForCardAsync(Readers.ReadersClient readers, TimeSpan patience)
{
    using var watch = readers.WatchReaders(new WatchReadersRequest(), deadline: DateTime.UtcNow.Add(patience));
    await foreach (var change in watch.ResponseStream.ReadAllAsync())
    {
        if (change.Kind == WatchReadersResponse.Types.Kind.CardInserted)
        {
            return change.Reader;
        }
    }

    throw new RpcException(new Grpc.Core.Status(StatusCode.DeadlineExceeded, "no card was inserted"));
}

// The service's local socket (README, "Listeners"): a developer's own under $XDG_RUNTIME_DIR, else the system one.
static string DefaultAddress()
{
    var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
    var own = runtime is null ? null : Path.Combine(runtime, "onshi-device", "onshi-device.sock");
    return "unix:" + (own is not null && File.Exists(own) ? own : "/run/onshi-device/onshi-device.sock");
}

static GrpcChannel Connect(string address)
{
    if (!address.StartsWith("unix:", StringComparison.Ordinal))
    {
        return GrpcChannel.ForAddress(address);
    }

    var socket = new UnixDomainSocketEndPoint(address["unix:".Length..]);
    var handler = new SocketsHttpHandler
    {
        ConnectCallback = async (_, token) =>
        {
            var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await connection.ConnectAsync(socket, token);
                return new NetworkStream(connection, ownsSocket: true);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        },
    };
    return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
