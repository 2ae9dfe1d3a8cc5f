using System.Diagnostics;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// No request field comes back in a status: an echoed 50,000-character reader name once made the
/// trailers exceed HTTP/2's 64 KiB header limit, so the client never got an answer. Run both over
/// TestServer and over real HTTP/2 on loopback (Kestrel), where the limit exists.
/// </summary>
public sealed class NoEchoTests
{
    private const int SmallTrailers = 2048;

    public static TheoryData<bool> Transports() => new() { false, true };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_50000_character_reader_name_is_answered_promptly_with_small_trailers(bool overLoopback)
    {
        await using var host = await StartAsync(overLoopback);
        var cards = new CardsClient(host.Channel);
        var name = LongName(50_000);

        var watch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<RpcException>(() =>
            cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = name }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"answered after {watch.Elapsed}");
        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal("INVALID_ARGUMENT", status.GetDetail<ErrorInfo>()?.Reason);
        Assert.Contains(status.GetDetail<BadRequest>()!.FieldViolations, violation => violation.Field == "reader");
        AssertNotEchoed(name, exception);
        Assert.True(TrailerBytes(exception) < SmallTrailers, $"{TrailerBytes(exception)} bytes of trailers");
        await AssertChannelUsableAsync(host);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task An_unknown_reader_is_not_found_without_its_name_in_the_status(bool overLoopback)
    {
        await using var host = await StartAsync(overLoopback);
        var cards = new CardsClient(host.Channel);
        var name = "No Such Reader " + LongName(200);

        var info = await RpcErrors.AssertFailsAsync(StatusCode.NotFound, "READER_NOT_FOUND", () =>
            cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = name }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        // Only the readers there are (docs/ERRORS.md), never the name asked for.
        Assert.Equal([ContractErrors.ReadersKey], info.Metadata.Keys);
        Assert.DoesNotContain("No Such Reader", info.Metadata[ContractErrors.ReadersKey], StringComparison.Ordinal);
        var exception = await Assert.ThrowsAsync<RpcException>(() =>
            cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = name }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        AssertNotEchoed(name, exception);
        Assert.Equal(0, host.CountingCard.Commands);
        await AssertChannelUsableAsync(host);
    }

    [Fact]
    public async Task Overlong_pins_and_roles_are_refused_without_their_value()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        var pin = LongName(50_000);
        var role = LongName(50_000);

        var pinRefused = await Assert.ThrowsAsync<RpcException>(() => new CardsClient(host.Channel).VerifyPinAsync(
            new VerifyPinRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin, Pin = pin },
            deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        var roleRefused = await Assert.ThrowsAsync<RpcException>(() => new Certificates.CertificatesClient(host.Channel).VerifyAsync(
            new VerifyRequest { Der = Google.Protobuf.ByteString.CopyFrom(0x30, 0x00), Purpose = CertificatePurpose.HpkiSigning, AllowedHcRoles = { role } },
            deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.Equal("INVALID_PIN_FORMAT", pinRefused.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        AssertNotEchoed(pin, pinRefused);
        Assert.Equal("INVALID_ARGUMENT", roleRefused.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        Assert.Contains(roleRefused.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, violation => violation.Field == "allowed_hc_roles[0]");
        AssertNotEchoed(role, roleRefused);
        Assert.Equal(0, host.CountingCard.Commands);
    }

    private static Task<DeviceServiceHost> StartAsync(bool overLoopback) =>
        overLoopback ? DeviceServiceHost.StartOnLoopbackAsync() : DeviceServiceHost.StartAsync();

    // A name no fixed message contains by chance: a counter in a distinctive alphabet.
    private static string LongName(int length)
    {
        var name = new StringBuilder(length);
        for (var i = 0; name.Length < length; i++)
        {
            name.Append((char)('q' + (i % 7))).Append('Z');
        }

        return name.ToString(0, length);
    }

    private static void AssertNotEchoed(string value, RpcException exception)
    {
        // Any 16 characters of the value would be an echo; fixed messages never hold "qZrZsZ...".
        var probe = value[..16];
        Assert.DoesNotContain(probe, exception.Status.Detail, StringComparison.Ordinal);
        foreach (var trailer in exception.Trailers)
        {
            var text = trailer.IsBinary ? Encoding.UTF8.GetString(trailer.ValueBytes) : trailer.Value;
            Assert.DoesNotContain(probe, text, StringComparison.Ordinal);
        }
    }

    private static int TrailerBytes(RpcException exception) =>
        exception.Trailers.Sum(trailer => trailer.Key.Length + (trailer.IsBinary ? (trailer.ValueBytes.Length * 4 / 3) + 4 : trailer.Value.Length));

    private static async Task AssertChannelUsableAsync(DeviceServiceHost host)
    {
        var readers = await new Readers.ReadersClient(host.Channel).ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(2, readers.Readers.Count);
    }
}
