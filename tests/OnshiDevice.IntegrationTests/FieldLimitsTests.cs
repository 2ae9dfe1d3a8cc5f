using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Service.Validation;
using OnshiDevice.Simulators;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// The limits table of docs/ERRORS.md is the contract: every string, bytes and repeated request
/// field has a row, every row's limit is stated in the field's proto comment, and the running
/// service accepts a value at the limit and refuses one beyond it with the row's status, reason and
/// field. Requests are built from the contract's descriptors and sent as bytes, so the test follows
/// the proto and not the C# names.
/// </summary>
public sealed partial class FieldLimitsTests
{
    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly ServiceDescriptor[] Services =
    [
        Contracts.V1.Readers.Descriptor,
        Contracts.V1.Cards.Descriptor,
        Contracts.V1.Certificates.Descriptor,
        Contracts.V1.CheckIn.Descriptor,
        Grpc.Health.V1.Health.Descriptor,
    ];

    /// <summary>A face reader configured for the rows of AttendCheckIns' commands, which only a desk attending a reader can send.</summary>
    private static readonly Dictionary<string, string?> FaceReaderSettings = new(InProcessDeviceService.AllowJpkiSigningCertificateRead)
    {
        ["OnshiDevice:FaceReaders:desk-1:SerialPort"] = "/nonexistent/onshi-face-reader",
        ["OnshiDevice:FaceReaders:desk-1:CardSlotReader"] = DeviceServiceHost.EmptyReaderName,
    };

    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>();
        foreach (var row in LimitRow.ReadTable().Where(row => row.Call != "every call"))
        {
            rows.Add(row.Key);
        }

        return rows;
    }

    [Fact]
    public void Every_string_bytes_and_repeated_request_field_has_a_row_and_every_row_a_field()
    {
        var rows = LimitRow.ReadTable();
        var expected = new List<string>();
        foreach (var method in Methods())
        {
            AddFields(method, method.InputType, "", expected);
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Where(row => row.Call != "every call").Select(row => row.Key).Order(StringComparer.Ordinal));
        Assert.Contains(rows, row => row is { Call: "every call", Status: StatusCode.ResourceExhausted, Reason: "REQUEST_TOO_LARGE" } && row.Amount == RequestValidator.MaxRequestMessageBytes);
    }

    /// <summary>The bounded fields of a request, those of its messages too (AttendCheckIns' commands), named by their path.</summary>
    private static void AddFields(MethodDescriptor method, MessageDescriptor message, string prefix, List<string> expected)
    {
        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            if (field.IsRepeated)
            {
                expected.Add($"{CallName(method)} {prefix}{field.Name}");
                if (field.FieldType is FieldType.String or FieldType.Bytes)
                {
                    expected.Add($"{CallName(method)} {prefix}{field.Name}[i]");
                }
            }
            else if (field.FieldType is FieldType.String or FieldType.Bytes)
            {
                expected.Add($"{CallName(method)} {prefix}{field.Name}");
            }
            else if (field.FieldType == FieldType.Message && field.MessageType.File.Package.StartsWith("onshi.", StringComparison.Ordinal))
            {
                AddFields(method, field.MessageType, $"{prefix}{field.Name}.", expected);
            }
        }
    }

    [Fact]
    public void Every_limit_is_stated_in_the_fields_proto_comment()
    {
        foreach (var row in LimitRow.ReadTable().Where(row => row.Call.StartsWith("Cards.", StringComparison.Ordinal) || row.Call.StartsWith("Certificates.", StringComparison.Ordinal) || row.Call.StartsWith("CheckIn.", StringComparison.Ordinal)))
        {
            var method = FindMethod(row.Call);
            var (message, field) = FieldOf(method.InputType, row.BaseField);
            var comment = ProtoComment(method.File.Name, message.Name, field.Name);

            Assert.True(comment.Contains(row.Limit, StringComparison.Ordinal), $"{row.Key}: the comment of {method.InputType.Name}.{row.BaseField} does not say \"{row.Limit}\": {comment}");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_value_at_the_limit_is_accepted_and_one_beyond_it_refused_with_the_documented_error(string key)
    {
        var row = LimitRow.ReadTable().Single(candidate => candidate.Key == key);
        var method = FindMethod(row.Call);

        // The JPKI signing certificate read is off by default and then refused before its password is looked at.
        await using var host = await DeviceServiceHost.StartAsync(settings: FaceReaderSettings);

        var atLimit = await CallAsync(host, method, Requests(method, row, row.Amount));
        Assert.True(
            atLimit is null || !(atLimit.StatusCode == StatusCode.ResourceExhausted || ViolatedField(atLimit) == row.ReportedField),
            $"{key} at its limit was refused: {atLimit?.Status}");

        var beyond = await CallAsync(host, method, Requests(method, row, row.Amount + 1));
        Assert.NotNull(beyond);
        Assert.Equal(row.Status, beyond.StatusCode);
        Assert.Equal(row.Reason, beyond.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        if (row.Status == StatusCode.InvalidArgument)
        {
            Assert.Equal(row.ReportedField, ViolatedField(beyond));
        }

        Assert.Equal(0, host.CountingCard.Commands);
    }

    private static IEnumerable<MethodDescriptor> Methods() =>
        Services.SelectMany(service => service.Methods).Where(method => method.Service.FullName != "grpc.health.v1.Health" || method.Name == "Check");

    private static string CallName(MethodDescriptor method) =>
        method.Service.File.Package.StartsWith("onshi.", StringComparison.Ordinal) ? $"{method.Service.Name}.{method.Name}" : $"{method.Service.FullName}.{method.Name}";

    private static MethodDescriptor FindMethod(string call) => Methods().Single(method => CallName(method) == call);

    /// <summary>The message a field path (<c>start.face_reader</c>) ends in, and the field.</summary>
    private static (MessageDescriptor Message, FieldDescriptor Field) FieldOf(MessageDescriptor message, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return (message, message.FindFieldByName(path));
        }

        return FieldOf(message.FindFieldByName(path[..dot]).MessageType, path[(dot + 1)..]);
    }

    /// <summary>
    /// The requests of a call valid apart from the field under test, on the empty reader: no card is ever touched. A desk's
    /// command goes after its start, and is followed by a second start (refused by its field), so a command accepted at
    /// its limit is told from one that was never read.
    /// </summary>
    private static byte[][] Requests(MethodDescriptor method, LimitRow row, int amount)
    {
        if (row.Call != "CheckIn.AttendCheckIns")
        {
            return [Request(method, row, amount)];
        }

        var attend = new Contracts.V1.AttendCheckInsRequest();
        var (message, field) = FieldOf(method.InputType, row.BaseField);
        var command = (IMessage)message.Parser.ParseFrom(ByteString.Empty);
        field.Accessor.SetValue(command, ValueOf(row, amount));
        method.InputType.FindFieldByName(row.BaseField[..row.BaseField.IndexOf('.', StringComparison.Ordinal)]).Accessor.SetValue(attend, command);
        var start = new Contracts.V1.AttendCheckInsRequest { Start = new Contracts.V1.StartAttending { FaceReader = "desk-1" } }.ToByteArray();
        return attend.CommandCase == Contracts.V1.AttendCheckInsRequest.CommandOneofCase.Start
            ? [attend.ToByteArray()]
            : [start, attend.ToByteArray(), start];
    }

    private static byte[] Request(MethodDescriptor method, LimitRow row, int amount)
    {
        var message = method.InputType.Parser.ParseFrom(ByteString.Empty);
        void Set(string field, object value) => method.InputType.FindFieldByName(field).Accessor.SetValue(message, value);
        void SetEnum(int number, int value)
        {
            var field = method.InputType.FindFieldByNumber(number);
            field.Accessor.SetValue(message, Enum.ToObject(field.EnumType.ClrType, value));
        }

        switch (row.Call)
        {
            case "Cards.IdentifyCard":
                Set("reader", DeviceServiceHost.EmptyReaderName);
                break;
            case "Cards.GetPinStatus":
                Set("reader", DeviceServiceHost.EmptyReaderName);
                SetEnum(2, 1); // JPKI_AUTH_PIN
                break;
            case "Cards.VerifyPin":
                Set("reader", DeviceServiceHost.EmptyReaderName);
                SetEnum(2, 3); // HPKI_SIGNING_PIN: 4 to 16 printable characters
                Set("pin", "1234");
                break;
            case "Cards.ReadCertificate":
                Set("reader", DeviceServiceHost.EmptyReaderName);
                SetEnum(2, 3); // JPKI_SIGNING: needs the signing password
                Set("pin", "ABC123");
                break;
            case "Cards.Sign":
                Set("reader", DeviceServiceHost.EmptyReaderName);
                SetEnum(2, 2); // JPKI_SIGNING_KEY: the signing password, 6 to 16 characters
                Set("pin", "ABC123");
                Set("sha256_digest", ByteString.CopyFrom(new byte[32]));
                break;
            case "Certificates.Verify":
                Set("der", ByteString.CopyFrom(0x30, 0x00));
                SetEnum(2, 3); // HPKI_SIGNING
                break;
            case "grpc.health.v1.Health.Check":
            case "CheckIn.WatchCheckIns":
                break;
            default:
                throw new InvalidOperationException($"No base request for {row.Call}.");
        }

        var field = method.InputType.FindFieldByName(row.BaseField);
        if (row.Unit == "MiB")
        {
            // The field fills the message to exactly the amount of bytes.
            var length = amount - 1 - CodedOutputStream.ComputeLengthSize(amount);
            while (1 + CodedOutputStream.ComputeLengthSize(length) + length > amount)
            {
                length--;
            }

            length += amount - (1 + CodedOutputStream.ComputeLengthSize(length) + length);
            field.Accessor.SetValue(message, new string('x', length));
            var bytes = message.ToByteArray();
            Assert.Equal(amount, bytes.Length);
            return bytes;
        }

        if (field.IsRepeated)
        {
            var list = (System.Collections.IList)field.Accessor.GetValue(message);
            list.Clear();
            if (row.IsElement)
            {
                list.Add(ValueOf(row, amount));
            }
            else
            {
                for (var i = 0; i < amount; i++)
                {
                    list.Add(field.FieldType == FieldType.Bytes ? ByteString.CopyFrom(SimulatedTrust.Intermediates.Values.First()) : "Medical Doctor");
                }
            }
        }
        else
        {
            field.Accessor.SetValue(message, ValueOf(row, amount));
        }

        return message.ToByteArray();
    }

    private static object ValueOf(LimitRow row, int amount) => row.Unit switch
    {
        // PINs and face reader ids are printable ASCII; other text is counted in code points, so it is built of characters beyond the BMP.
        "characters" when row.BaseField == "pin" => new string('A', amount),
        "characters" when row.BaseField.EndsWith("face_reader", StringComparison.Ordinal) => new string('a', amount),
        "digits" => new string('5', amount),
        "characters" => string.Concat(Enumerable.Repeat("\U0001F4B3", amount)),
        "bytes" => ByteString.CopyFrom(new byte[amount]),

        // An intermediate must be a certificate, so one of exactly the size: the limit is on size, not on shape.
        "KiB" when row.IsElement => ByteString.CopyFrom(SizedCertificate.Create(amount)),
        "KiB" => ByteString.CopyFrom(new byte[amount]),
        _ => throw new InvalidOperationException($"{row.Key}: a count has no single value"),
    };

    /// <summary>
    /// The call's refusal, or null when it was accepted. A stream is accepted when its first answer comes (a watch) or
    /// when what refuses it is a later request's field (a desk, <see cref="Requests"/>).
    /// </summary>
    private static async Task<RpcException?> CallAsync(DeviceServiceHost host, MethodDescriptor method, byte[][] requests)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10));
        var invoker = host.Channel.CreateCallInvoker();
        try
        {
            if (method.IsClientStreaming)
            {
                using var call = invoker.AsyncDuplexStreamingCall(new Method<byte[], byte[]>(MethodType.DuplexStreaming, method.Service.FullName, method.Name, RawBytes, RawBytes), null, options);
                foreach (var request in requests)
                {
                    await call.RequestStream.WriteAsync(request);
                }

                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }

                return null;
            }

            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, RawBytes, RawBytes), null, options, requests.Single());
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                return null;
            }

            var raw = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, RawBytes, RawBytes);
            await invoker.AsyncUnaryCall(raw, null, options, requests.Single()).ResponseAsync;
            return null;
        }
        catch (RpcException failed) when (method.IsClientStreaming && requests.Length > 1 && ViolatedField(failed) == "start")
        {
            // The closing second start was refused: the command before it was taken.
            return null;
        }
        catch (RpcException failed)
        {
            Assert.NotEqual(StatusCode.DeadlineExceeded, failed.StatusCode);
            return failed;
        }
    }

    private static string? ViolatedField(RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(violation => violation.Field).SingleOrDefault();

    private static string ProtoComment(string protoFile, string messageName, string fieldName)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "proto", protoFile));
        var start = Array.FindIndex(lines, line => Regex.IsMatch(line, $@"^message\s+{messageName}\s*\{{"));
        Assert.True(start >= 0, $"message {messageName} not in {protoFile}");
        var fieldLine = Array.FindIndex(lines, start, line => Regex.IsMatch(line, $@"^\s*(repeated\s+)?[\w.]+\s+{fieldName}\s*=\s*\d+;"));
        Assert.True(fieldLine > start, $"{messageName}.{fieldName} not in {protoFile}");
        var comment = new List<string>();
        for (var index = fieldLine - 1; index > start && lines[index].TrimStart().StartsWith("//", StringComparison.Ordinal); index--)
        {
            comment.Insert(0, lines[index].TrimStart()[2..].Trim());
        }

        return string.Join(' ', comment);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OnshiDevice.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OnshiDevice.sln not found above the test binaries.");
    }

    /// <summary>One row of the "Limits" table in docs/ERRORS.md.</summary>
    private sealed partial record LimitRow(string Call, string Field, string Limit, StatusCode Status, string Reason)
    {
        public string Key => $"{Call} {Field}";

        public string BaseField => Field.Replace("[i]", "", StringComparison.Ordinal);

        public bool IsElement => Field.EndsWith("[i]", StringComparison.Ordinal);

        /// <summary>The field a BadRequest names: an element by its index (the test puts it first).</summary>
        public string ReportedField => IsElement ? BaseField + "[0]" : BaseField;

        public string Unit => LimitPattern().Match(Limit).Groups["unit"].Value;

        /// <summary>The limit in the unit the field is measured in (bytes for KiB and MiB).</summary>
        public int Amount
        {
            get
            {
                var match = LimitPattern().Match(Limit);
                var number = int.Parse(match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                return match.Groups["unit"].Value switch
                {
                    "KiB" => number * 1024,
                    "MiB" => number * 1024 * 1024,
                    _ => number,
                };
            }
        }

        public static IReadOnlyList<LimitRow> ReadTable()
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "ERRORS.md"));
            var section = Array.IndexOf(lines, "## Limits");
            Assert.True(section >= 0, "docs/ERRORS.md has no \"## Limits\" section");
            var rows = new List<LimitRow>();
            foreach (var line in lines.Skip(section + 1).SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')).Skip(2))
            {
                var cells = line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
                Assert.True(cells.Length == 5, $"a limits row has five cells: {line}");
                Assert.Matches(LimitPattern(), cells[2]);
                rows.Add(new LimitRow(
                    cells[0],
                    cells[1].Trim('`'),
                    cells[2],
                    Enum.Parse<StatusCode>(cells[3].Replace("_", "", StringComparison.Ordinal), ignoreCase: true),
                    cells[4]));
            }

            Assert.NotEmpty(rows);
            return rows;
        }

        [GeneratedRegex(@"^(exactly )?(?<number>[\d,]+) (?<unit>characters|digits|bytes|KiB|MiB|certificates|roles)$")]
        private static partial Regex LimitPattern();
    }
}
