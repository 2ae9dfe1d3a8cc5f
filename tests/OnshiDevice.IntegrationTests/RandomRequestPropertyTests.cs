using System.Diagnostics;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// Random requests to every RPC, from well-formed ones on the real readers with random PINs to
/// huge, empty, control-character and invalid-enum fields and plain random bytes: the service
/// always answers before the call's deadline, with OK or a documented (code, reason) pair, and the
/// channel stays usable. Each property gets a fresh service and card, so PIN tries spent (or a PIN
/// blocked) by random VERIFYs stay within it. Requests are built from the contract's descriptors by
/// field number and sent as bytes.
/// </summary>
public sealed class RandomRequestPropertyTests
{
    private const int Iterations = 60;

    // The suite's usual call deadline: generous on a loaded machine, and still a hang fails within it.
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Gen<string> Text = Gen.Frequency<string>(
        (3, Gen.OneOf<string>("", " ", "\t", DeviceServiceHost.CardReaderName + "\0", "\0", "Card\u0007Reader", "\u202EredaeR draC", "\U0001F4B3")),
        (4, Gen.String[0, 40]),
        (1, Gen.Char.Array[250, 260].Select(characters => new string(characters))),
        (1, Gen.Int[1_000, 70_000].Select(length => new string('n', length))));

    private static readonly Gen<string> Reader = Gen.Frequency<string>(
        (4, Gen.OneOf<string>(DeviceServiceHost.CardReaderName, DeviceServiceHost.EmptyReaderName)),
        (2, Text));

    // The cards' own PINs now and then, so some calls succeed; otherwise mostly well-shaped wrong ones.
    private static readonly Gen<string> Pin = Gen.Frequency<string>(
        (1, Gen.OneOf<string>(VirtualMyNumberCards.AuthPin, VirtualMyNumberCards.SigningPassword, VirtualHpkiCards.Pin)),
        (3, Gen.Char['0', '9'].Array[3, 5].Select(digits => new string(digits))),
        (2, Gen.Char["ABCXYZ0189abc!~"].Array[3, 18].Select(characters => new string(characters))),
        (2, Text));

    private static readonly Gen<int> EnumNumber = Gen.Frequency<int>(
        (6, Gen.Int[0, 6]),
        (1, Gen.OneOf<int>(-1, 99, int.MinValue, int.MaxValue)));

    private static readonly Gen<byte[]> Bytes = Gen.Frequency<byte[]>(
        (4, Gen.Byte.Array[0, 64]),
        (2, Gen.Byte.Array[32]),
        (1, Gen.OneOf<int>(65_535, 65_536, 65_537).Select(length => new byte[length])));

    private static readonly Gen<byte[]> Certificate = Gen.Frequency<byte[]>(
        (2, Gen.OneOf<byte[]>(SimulatedTrust.Intermediates.Values.Concat(SimulatedTrust.Anchors.Values).ToArray())),
        (1, Gen.OneOf<byte[]>(VirtualHpkiCards.Doctor().SigningCertificate, VirtualHpkiCards.Expired().SigningCertificate)),
        (2, Bytes));

    private static readonly Gen<Timestamp?> Time = Gen.Frequency<Timestamp?>(
        (2, Gen.Const<Timestamp?>((Timestamp?)null)),
        (2, Gen.Long[-62_135_596_800, 253_402_300_799].Select(seconds => (Timestamp?)new Timestamp { Seconds = seconds })),
        (1, Gen.Select(Gen.Long, Gen.Int, (seconds, nanos) => (Timestamp?)new Timestamp { Seconds = seconds, Nanos = nanos })));

    public static TheoryData<string> CardNames() => new() { "My Number", "HPKI" };

    [Fact]
    public Task Readers_ListReaders() => CheckAsync(VirtualMyNumberCards.Standard(), Readers.Descriptor.FindMethodByName("ListReaders"), _ => Gen.Const(Array.Empty<byte>()));

    [Fact]
    public Task Readers_WatchReaders() =>
        CheckAsync(VirtualMyNumberCards.Standard(), Readers.Descriptor.FindMethodByName("WatchReaders"), _ => Gen.Const(Array.Empty<byte>()));

    [Theory]
    [MemberData(nameof(CardNames))]
    public Task Cards_IdentifyCard(string card) => CheckAsync(Card(card), Contracts.V1.Cards.Descriptor.FindMethodByName("IdentifyCard"), method =>
        Reader.Select(reader => Message(method, (1, reader))));

    [Theory]
    [MemberData(nameof(CardNames))]
    public Task Cards_GetPinStatus(string card) => CheckAsync(Card(card), Contracts.V1.Cards.Descriptor.FindMethodByName("GetPinStatus"), method =>
        Gen.Select(Reader, EnumNumber, (reader, kind) => Message(method, (1, reader), (2, kind))));

    [Theory]
    [MemberData(nameof(CardNames))]
    public Task Cards_VerifyPin(string card) => CheckAsync(Card(card), Contracts.V1.Cards.Descriptor.FindMethodByName("VerifyPin"), method =>
        Gen.Select(Reader, EnumNumber, Pin, Gen.Bool, (reader, kind, pin, allowLastTry) => Message(method, (1, reader), (2, kind), (3, pin), (4, allowLastTry))));

    [Theory]
    [MemberData(nameof(CardNames))]
    public Task Cards_ReadCertificate(string card) => CheckAsync(Card(card), Contracts.V1.Cards.Descriptor.FindMethodByName("ReadCertificate"), method =>
        Gen.Select(Reader, EnumNumber, Gen.Frequency<string>((2, Gen.Const("")), (1, Pin)), Gen.Bool, (reader, kind, pin, allowLastTry) =>
            Message(method, (1, reader), (2, kind), (3, pin), (4, allowLastTry))));

    [Theory]
    [MemberData(nameof(CardNames))]
    public Task Cards_Sign(string card) => CheckAsync(Card(card), Contracts.V1.Cards.Descriptor.FindMethodByName("Sign"), method =>
        Gen.Select(Reader, EnumNumber, Pin, Bytes, Gen.Bool, (reader, key, pin, digest, allowLastTry) =>
            Message(method, (1, reader), (2, key), (3, pin), (4, ByteString.CopyFrom(digest)), (5, allowLastTry))));

    [Fact]
    public Task Certificates_Verify() => CheckAsync(VirtualMyNumberCards.Standard(), Certificates.Descriptor.FindMethodByName("Verify"), method =>
        Gen.Select(
            Certificate,
            EnumNumber,
            Time,
            Certificate.Array[0, 10],
            Gen.Frequency<string[]>((3, Gen.OneOf<string>("Medical Doctor", "Dentist", "Pharmacist").Array[0, 3]), (2, Text.Array[0, 34])),
            (der, purpose, at, intermediates, roles) => Message(
                method,
                (1, ByteString.CopyFrom(der)),
                (2, purpose),
                (3, at),
                (4, intermediates.Select(ByteString.CopyFrom).ToArray()),
                (5, roles))));

    [Fact]
    public Task Health_Check() => CheckAsync(VirtualMyNumberCards.Standard(), Grpc.Health.V1.Health.Descriptor.FindMethodByName("Check"), method =>
        Gen.Frequency<string>((1, Gen.OneOf<string>("", "onshi.device.v1.Cards", "grpc.health.v1.Health")), (3, Text)).Select(service => Message(method, (1, service))));

    private static IVirtualCard Card(string name) => name == "HPKI" ? VirtualHpkiCards.Doctor() : VirtualMyNumberCards.Standard();

    /// <summary>Well-formed requests, each now and then replaced by random bytes or cut short.</summary>
    private static async Task CheckAsync(IVirtualCard card, MethodDescriptor method, Func<MethodDescriptor, Gen<byte[]>> wellFormed)
    {
        await using var host = await DeviceServiceHost.StartForRandomRequestsAsync(card);
        var requests = wellFormed(method).SelectMany(request => Gen.Frequency<byte[]>(
            (6, Gen.Const(request)),
            (1, Gen.Int[0, request.Length].Select(length => request[..length])),
            (1, Gen.Byte.Array[0, 40])));

        await requests.SampleAsync(
            async request =>
            {
                var started = Stopwatch.GetTimestamp();
                var failure = await CallAsync(host, method, request);
                var elapsed = Stopwatch.GetElapsedTime(started);

                Assert.True(elapsed < CallDeadline, $"{method.FullName} answered after {elapsed}");
                if (failure is not null)
                {
                    AssertDocumented(method, failure);
                }

                var readers = await new Readers.ReadersClient(host.Channel).ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.Add(CallDeadline));
                Assert.Equal(2, readers.Readers.Count);
            },
            iter: Iterations,
            threads: 1,
            print: request => $"{request.Length} bytes: {Convert.ToHexString(request.AsSpan(0, Math.Min(request.Length, 48)))}");
    }

    private static void AssertDocumented(MethodDescriptor method, RpcException failure)
    {
        // The service must answer; the client's own deadline ending the call means it did not.
        Assert.NotEqual(StatusCode.DeadlineExceeded, failure.StatusCode);
        var info = failure.GetRpcStatus()?.GetDetail<ErrorInfo>();
        if (info is null && method.Service.FullName == "grpc.health.v1.Health" && failure.StatusCode == StatusCode.NotFound)
        {
            return; // the health protocol's answer for a name it does not know (docs/ERRORS.md)
        }

        Assert.True(info is not null, $"{method.FullName} failed with {failure.StatusCode} and no ErrorInfo: {failure.Status.Detail}");
        Assert.Equal("onshi.device", info.Domain);
        Assert.True(DocumentedErrors.Pairs.Contains((failure.StatusCode, info.Reason)), $"{method.FullName}: {failure.StatusCode} {info.Reason} is not in docs/ERRORS.md");
    }

    private static async Task<RpcException?> CallAsync(DeviceServiceHost host, MethodDescriptor method, byte[] request)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.Add(CallDeadline));
        try
        {
            if (method.IsServerStreaming)
            {
                var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, RawBytes, RawBytes);
                using var call = host.Channel.CreateCallInvoker().AsyncServerStreamingCall(streaming, null, options, request);

                // The first event (a reader attached) is enough: the stream started; disposing it ends the watch.
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                return null;
            }

            var unary = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, RawBytes, RawBytes);
            await host.Channel.CreateCallInvoker().AsyncUnaryCall(unary, null, options, request).ResponseAsync;
            return null;
        }
        catch (RpcException failed)
        {
            return failed;
        }
    }

    private static byte[] Message(MethodDescriptor method, params (int Number, object? Value)[] fields)
    {
        var message = method.InputType.Parser.ParseFrom(ByteString.Empty);
        foreach (var (number, value) in fields)
        {
            var field = method.InputType.FindFieldByNumber(number);
            switch (value)
            {
                case null:
                    break;
                case System.Collections.IEnumerable items when field.IsRepeated:
                    var list = (System.Collections.IList)field.Accessor.GetValue(message);
                    foreach (var item in items)
                    {
                        list.Add(item);
                    }

                    break;
                case int enumNumber when field.FieldType == FieldType.Enum:
                    field.Accessor.SetValue(message, System.Enum.ToObject(field.EnumType.ClrType, enumNumber));
                    break;
                default:
                    field.Accessor.SetValue(message, value);
                    break;
            }
        }

        return message.ToByteArray();
    }
}
