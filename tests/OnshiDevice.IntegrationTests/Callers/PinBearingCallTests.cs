using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.IntegrationTests.Callers;

/// <summary>
/// A caller that is neither local nor mutually authenticated (TestServer's bare connection, with no caller stated)
/// is refused every PIN-bearing call with CALLER_NOT_AUTHENTICATED before the card sees a command, and is still
/// served the calls that carry no PIN.
/// </summary>
public sealed class PinBearingCallTests : IAsyncLifetime
{
    private static readonly byte[] Digest = new byte[32];
    private DeviceServiceHost _host = null!;
    private CardsClient _cards = null!;

    public async Task InitializeAsync()
    {
        _host = await DeviceServiceHost.StartForUnauthenticatedCallerAsync(VirtualMyNumberCards.Standard());
        _cards = new CardsClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> PinBearingCalls() => new() { "VerifyPin", "VerifyPin last try", "Sign", "Sign without PIN", "ReadCertificate JPKI_SIGNING" };

    [Theory]
    [MemberData(nameof(PinBearingCalls))]
    public async Task A_pin_bearing_call_is_refused_before_the_card_is_touched(string call)
    {
        var before = _host.CountingCard.Commands;

        var info = await RpcErrors.AssertFailsAsync(StatusCode.Unauthenticated, "CALLER_NOT_AUTHENTICATED", () => Call(call));

        Assert.Empty(info.Metadata);
        Assert.Equal(before, _host.CountingCard.Commands);
        Assert.Equal(3, _host.Card.AuthPinTriesLeft);
    }

    [Fact]
    public async Task The_refusal_says_how_to_call_instead_and_repeats_no_pin()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Call("VerifyPin"));

        Assert.Contains("local socket", refused.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(VirtualMyNumberCards.AuthPin, refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_without_a_pin_are_served()
    {
        var status = await _cards.GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin }, deadline: Soon);
        var certificate = await _cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = DeviceServiceHost.CardReaderName, Kind = CertificateKind.JpkiAuth }, deadline: Soon);
        var readers = await new Readers.ReadersClient(_host.Channel).ListReadersAsync(new ListReadersRequest(), deadline: Soon);

        Assert.Equal(3, status.Status.TriesLeft);
        Assert.Equal(_host.Card.AuthCertificate, certificate.Der.ToByteArray());
        Assert.Equal(2, readers.Readers.Count);
    }

    [Fact]
    public async Task The_same_calls_from_a_local_caller_are_served()
    {
        await using var local = await DeviceServiceHost.StartAsync();
        var cards = new CardsClient(local.Channel);

        var verified = await cards.VerifyPinAsync(
            new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin, Pin = VirtualMyNumberCards.AuthPin }, deadline: Soon);
        var signed = await cards.SignAsync(
            new SignRequest { Reader = DeviceServiceHost.CardReaderName, Key = KeyKind.JpkiAuthKey, Pin = VirtualMyNumberCards.AuthPin, Sha256Digest = ByteString.CopyFrom(Digest) }, deadline: Soon);

        Assert.Equal(3, verified.Status.TriesLeft);
        Assert.Equal(256, signed.Signature.Length);
    }

    private static DateTime Soon => DateTime.UtcNow.AddSeconds(10);

    private async Task Call(string call)
    {
        var reader = DeviceServiceHost.CardReaderName;
        switch (call)
        {
            case "VerifyPin":
                await _cards.VerifyPinAsync(new VerifyPinRequest { Reader = reader, PinKind = PinKind.JpkiAuthPin, Pin = VirtualMyNumberCards.AuthPin }, deadline: Soon);
                break;
            case "VerifyPin last try":
                await _cards.VerifyPinAsync(new VerifyPinRequest { Reader = reader, PinKind = PinKind.JpkiAuthPin, Pin = "9999", AllowLastTry = true }, deadline: Soon);
                break;
            case "Sign":
                await _cards.SignAsync(new SignRequest { Reader = reader, Key = KeyKind.JpkiAuthKey, Pin = VirtualMyNumberCards.AuthPin, Sha256Digest = ByteString.CopyFrom(Digest) }, deadline: Soon);
                break;
            case "Sign without PIN":
                await _cards.SignAsync(new SignRequest { Reader = reader, Key = KeyKind.HpkiSigningKey, Sha256Digest = ByteString.CopyFrom(Digest) }, deadline: Soon);
                break;
            case "ReadCertificate JPKI_SIGNING":
                await _cards.ReadCertificateAsync(new ReadCertificateRequest { Reader = reader, Kind = CertificateKind.JpkiSigning, Pin = VirtualMyNumberCards.SigningPassword }, deadline: Soon);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call, "no such call");
        }
    }
}
