using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>
/// `onshi checkin list|watch|attend` against a scripted CheckIn service (<see cref="FakeCheckInService"/>): the list,
/// a line per event of every kind, the desk's keys as the commands they send (`start` first; 照合番号B checked before
/// it is sent and never printed), the photo file of --photo and its deletion, the new reasons' texts.
/// </summary>
public sealed class CheckInCliTests : IAsyncLifetime
{
    private const string Desk = "desk-1";
    private const string CheckInId = "0b7f3c52-8f1e-4e0b-9d55-3c1f6a7e2d10";
    private const string ValidNumber = "98765432109876";
    private static readonly Timestamp At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2030, 2, 17, 0, 0, 5, TimeSpan.Zero));

    private FakeCheckInHost _host = null!;

    private FakeCheckInService Fake => _host.Service;

    public async Task InitializeAsync() => _host = await FakeCheckInHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string> EveryKind() => new()
    {
        { "reader_state connected", "READER_STATE", "desk-1 connected: FR-100 (firmware 2.1)" },
        { "reader_state not connected", "READER_STATE", "desk-1 not connected" },
        { "started", "STARTED", $"check-in {CheckInId}" },
        { "method_chosen", "METHOD_CHOSEN", "FACE" },
        { "face_result compared", "FACE_RESULT", "COMPARED, score 0.912, live: yes, passed: yes" },
        { "face_result no face", "FACE_RESULT", "NO_FACE, 2 failures in a row" },
        { "pin_result incorrect", "PIN_RESULT", "INCORRECT, 2 tries left" },
        { "pin_result verified", "PIN_RESULT", "VERIFIED" },
        { "card_face_number_needed", "CARD_FACE_NUMBER_NEEDED", "staff enter 照合番号B from the card face (`number`)" },
        { "card_face_number_result", "CARD_FACE_NUMBER_RESULT", "LAST_TRY_REFUSED, 1 try left" },
        { "visual_check_needed", "VISUAL_CHECK_NEEDED", "staff must compare the patient with the card photo, then `confirm` or `reject`; card face signature VALID" },
        { "consent_recorded", "CONSENT_RECORDED", "MEDICATION AGREED" },
        { "completed", "COMPLETED", "FACE; certificate valid; serial 0A1B2C, subject CN=JPKI auth 0001; consents: MEDICATION AGREED, SURGERY DECLINED" },
        { "completed not valid", "COMPLETED", "PIN; certificate NOT valid; no consents" },
        { "failed", "FAILED", "CARD_REMOVED at FACE_CAPTURE" },
        { "cancelled", "CANCELLED", "by STAFF at PIN_ENTRY" },
    };

    [Fact]
    public async Task List_shows_each_face_reader_with_its_link_model_slot_desk_and_check_in()
    {
        Fake.FaceReaders.Add(new FaceReaderState
        {
            FaceReader = Desk, SerialPort = "/dev/ttyUSB0", CardSlotReader = "FR-100 Card Slot 0", Connected = true,
            Info = new FaceReaderInfo { Model = "FR-100", Firmware = "2.1" }, Attended = true, CheckInId = CheckInId,
        });
        Fake.FaceReaders.Add(new FaceReaderState { FaceReader = "entrance", SerialPort = "COM3", CardSlotReader = "Slot 1" });

        var result = await RunAsync(new CliOptions(), "checkin", "list");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["FACE", "READER", "LINK", "MODEL", "CARD", "SLOT", "ATTENDED", "CHECK-IN"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^desk-1 +connected +FR-100 \(firmware 2\.1\) +FR-100 Card Slot 0 +yes +{CheckInId}$", lines[1]);
        Assert.Matches(@"^entrance +not connected +- +Slot 1 +no +-$", lines[2]);
        // The check-in column starts at one column on every line.
        Assert.Single(lines.Select(line => line.LastIndexOf("  ", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public async Task List_json_gives_every_field_of_each_face_reader()
    {
        Fake.FaceReaders.Add(new FaceReaderState
        {
            FaceReader = Desk, SerialPort = "/dev/ttyUSB0", CardSlotReader = "Slot 0", Connected = true,
            Info = new FaceReaderInfo { Model = "FR-100", Firmware = "2.1", SerialNumber = "SN1", ProtocolVersion = 1, PinPad = true, Liveness = true },
        });
        Fake.FaceReaders.Add(new FaceReaderState { FaceReader = "entrance", SerialPort = "COM3", CardSlotReader = "Slot 1", Attended = true, CheckInId = CheckInId });

        var result = await RunAsync(new CliOptions(), "--lang", "ja", "checkin", "list", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var readers = document.RootElement.GetProperty("face_readers").EnumerateArray().ToList();
        Assert.Equal(Desk, readers[0].GetProperty("face_reader").GetString());
        Assert.True(readers[0].GetProperty("connected").GetBoolean());
        Assert.Equal("FR-100", readers[0].GetProperty("info").GetProperty("model").GetString());
        Assert.True(readers[0].GetProperty("info").GetProperty("pin_pad").GetBoolean());
        Assert.Equal(JsonValueKind.Null, readers[0].GetProperty("check_in_id").ValueKind);
        Assert.Equal("Slot 1", readers[1].GetProperty("card_slot_reader").GetString());
        Assert.Equal(JsonValueKind.Null, readers[1].GetProperty("info").ValueKind);
        Assert.True(readers[1].GetProperty("attended").GetBoolean());
        Assert.Equal(CheckInId, readers[1].GetProperty("check_in_id").GetString());
    }

    [Fact]
    public async Task List_says_when_no_face_reader_is_configured()
    {
        var result = await RunAsync(new CliOptions(), "checkin", "list");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("no face readers are configured (OnshiDevice:FaceReaders)\n", result.Output);
    }

    [Fact]
    public async Task The_list_call_has_the_cli_deadline_and_the_streams_have_none()
    {
        Fake.Script.Add(new FakeStep.Emit(Event("reader_state connected")));
        var before = DateTime.UtcNow;

        var list = await RunAsync(new CliOptions(), "checkin", "list", "--timeout", "7");
        var watch = await RunAsync(new CliOptions(), "checkin", "watch", Desk);
        var attend = await RunAsync(new CliOptions(), "checkin", "attend", Desk);

        Assert.True(list.ExitCode == 0 && watch.ExitCode == 0 && attend.ExitCode == 0, list.Error + watch.Error + attend.Error);
        var deadline = Fake.Deadlines[nameof(FakeCheckInService.ListFaceReaders)];
        Assert.InRange(deadline, before.AddSeconds(6), DateTime.UtcNow.AddSeconds(8));
        Assert.Equal(DateTime.MaxValue, Fake.Deadlines[nameof(FakeCheckInService.WatchCheckIns)]);
        Assert.Equal(DateTime.MaxValue, Fake.Deadlines[nameof(FakeCheckInService.AttendCheckIns)]);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task Watch_prints_one_line_per_event_with_its_facts(string name, string kind, string facts)
    {
        Fake.Script.Add(new FakeStep.Emit(Event(name)));

        var result = await RunAsync(new CliOptions(), "checkin", "watch", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(Desk, Assert.Single(Fake.WatchRequests).FaceReader);
        Assert.Equal($"00:00:05 UTC {kind,-23} {facts}\n", result.Output);
    }

    [Fact]
    public async Task Watch_shows_times_in_the_local_zone_and_words_in_japanese()
    {
        Fake.Script.Add(new FakeStep.Emit(Event("face_result compared")));

        var result = await RunAsync(new CliOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo") }, "--lang", "ja", "checkin", "watch", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal($"09:00:05 JST {"FACE_RESULT",-23} COMPARED、スコア 0.912、生体: はい、合格: はい\n", result.Output);
    }

    [Fact]
    public async Task Watch_prints_every_event_until_the_stream_ends_with_an_error_then_exits_with_its_code()
    {
        Fake.Script.Add(new FakeStep.Emit(Event("started")));
        Fake.Script.Add(new FakeStep.Emit(Event("cancelled")));
        Fake.EndWith = Failure(StatusCode.Unavailable, ErrorReason.ServiceStopping);

        var result = await RunAsync(new CliOptions(), "checkin", "watch", Desk);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(2, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("[SERVICE_STOPPING]\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ends_on_ctrl_c_with_success()
    {
        using var ctrlC = new CancellationTokenSource();
        Fake.Script.Add(new FakeStep.Emit(Event("started")));
        Fake.Script.Add(new FakeStep.Run(_ =>
        {
            ctrlC.CancelAfter(TimeSpan.FromMilliseconds(200));
            return Task.CompletedTask;
        }));
        Fake.Script.Add(new FakeStep.Hold());

        var result = await RunAsync(new CliOptions { Cancellation = ctrlC.Token }, "checkin", "watch", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Attend_sends_start_first_then_each_key_typed_and_prints_the_events_as_watch_does()
    {
        Fake.Script.Add(new FakeStep.Emit(Event("reader_state connected")));
        Fake.Script.Add(new FakeStep.AwaitCommands(4));
        Fake.Script.Add(new FakeStep.Emit(Event("cancelled")));

        var result = await RunAsync(new CliOptions { Input = "cancel\nvisual\n\n  CONFIRM \nreject\n" }, "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        var received = Fake.Received.ToList();
        Assert.Equal(Desk, received[0].Start.FaceReader);
        Assert.Equal(
            [AttendCheckInsRequest.CommandOneofCase.Start, AttendCheckInsRequest.CommandOneofCase.Cancel, AttendCheckInsRequest.CommandOneofCase.SwitchToVisualCheck,
                AttendCheckInsRequest.CommandOneofCase.ConfirmIdentity, AttendCheckInsRequest.CommandOneofCase.RejectIdentity],
            received.Select(request => request.CommandCase));
        Assert.Equal(
            $"00:00:05 UTC {"READER_STATE",-23} desk-1 connected: FR-100 (firmware 2.1)\n00:00:05 UTC {"CANCELLED",-23} by STAFF at PIN_ENTRY\n",
            result.Output);
    }

    [Theory]
    [InlineData("12ab")]
    [InlineData("9876543210987")]
    [InlineData("987654321098765")]
    [InlineData("9876543210987a")]
    public async Task Attend_refuses_a_malformed_card_face_number_without_sending_it(string malformed)
    {
        Fake.Script.Add(new FakeStep.AwaitCommands(1));

        var result = await RunAsync(new CliOptions { Input = $"number\n{malformed}\nnumber\n{ValidNumber}\n" }, "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        var received = Fake.Received.ToList();
        Assert.Equal(2, received.Count);
        Assert.Equal(ValidNumber, received[1].EnterCardFaceNumber.CardFaceNumber);
        Assert.Contains("照合番号B is 14 digits 0-9; nothing was sent", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(malformed, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidNumber, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attend_sends_full_width_digits_as_the_ascii_digits_the_card_compares()
    {
        Fake.Script.Add(new FakeStep.AwaitCommands(1));

        var result = await RunAsync(new CliOptions { Input = "number\n９８７６５４３２１０９８７６\n" }, "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(ValidNumber, Fake.Received.Last().EnterCardFaceNumber.CardFaceNumber);
    }

    [Fact]
    public async Task Attend_asks_for_the_card_face_number_without_echo_on_a_terminal_and_never_prints_it()
    {
        var prompts = new List<string>();
        Fake.Script.Add(new FakeStep.AwaitCommands(1));
        Fake.Script.Add(new FakeStep.Emit(Event("card_face_number_result verified")));

        var result = await RunAsync(
            new CliOptions
            {
                Input = "number\n",
                Terminal = prompt =>
                {
                    prompts.Add(prompt);
                    return ValidNumber;
                },
            },
            "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["照合番号B (14 digits, not shown): "], prompts);
        Assert.Equal(ValidNumber, Fake.Received.Last().EnterCardFaceNumber.CardFaceNumber);
        Assert.DoesNotContain(ValidNumber, result.Output + result.Error, StringComparison.Ordinal);
        Assert.EndsWith("VERIFIED\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_keys_and_an_unknown_line_names_them_without_repeating_it()
    {
        Fake.Script.Add(new FakeStep.AwaitCommands(1));

        var result = await RunAsync(new CliOptions { Input = $"help\n{ValidNumber}\ncancel\n" }, "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("The desk's keys, one per line:", lines[0]);
        Assert.Equal(["cancel", "visual", "confirm", "reject", "number", "help"], lines[1..7].Select(line => line.Trim().Split(' ')[0]));
        Assert.Equal("unknown key; the keys are: cancel, visual, confirm, reject, number, help", lines[7]);
        Assert.Equal(8, lines.Length);
        Assert.DoesNotContain(ValidNumber, result.Error, StringComparison.Ordinal);
        Assert.Equal(AttendCheckInsRequest.CommandOneofCase.Cancel, Fake.Received.Last().CommandCase);
    }

    [Fact]
    public async Task Attend_keeps_showing_events_after_standard_input_has_ended()
    {
        Fake.Script.Add(new FakeStep.Emit(Event("started")));
        Fake.Script.Add(new FakeStep.Run(token => Task.Delay(TimeSpan.FromMilliseconds(300), token)));
        Fake.Script.Add(new FakeStep.Emit(Event("failed")));

        var result = await RunAsync(new CliOptions { Input = "" }, "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("CARD_REMOVED at FACE_CAPTURE", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_photo_is_described_by_its_size_and_written_nowhere_without_photo()
    {
        var png = TinyPng.Create(3, 2);
        Fake.Script.Add(new FakeStep.Emit(Event("started")));
        Fake.Script.Add(new FakeStep.Emit(VisualCheck(png)));

        var result = await RunAsync(new CliOptions(), "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.EndsWith("card face signature VALID; photo 3x2 px PNG\n", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("written", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_that_is_not_a_png_is_of_unknown_size_and_a_missing_one_says_why()
    {
        var problem = VisualCheck([]);
        problem.VisualCheckNeeded.PhotoProblem = "no JPEG 2000 decoder";
        problem.VisualCheckNeeded.CardFaceSignature = CardFaceSignature.NotChecked;
        Fake.Script.Add(new FakeStep.Emit(VisualCheck("GIF89a not a PNG at all"u8.ToArray())));
        Fake.Script.Add(new FakeStep.Emit(problem));

        var result = await RunAsync(new CliOptions(), "checkin", "attend", Desk);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("card face signature VALID; photo PNG of unknown size", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("card face signature NOT_CHECKED; no photo: no JPEG 2000 decoder", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_writes_the_png_owner_only_and_deletes_it_when_the_check_in_ends()
    {
        var folder = Directory.CreateTempSubdirectory("onshi-photo-");
        var file = Path.Combine(folder.FullName, "photo.png");
        var png = TinyPng.Create(48, 64);
        byte[]? written = null;
        UnixFileMode? mode = null;
        var goneBeforeTheStreamEnded = false;
        Fake.Script.Add(new FakeStep.Emit(Event("started")));
        Fake.Script.Add(new FakeStep.Emit(VisualCheck(png)));
        Fake.Script.Add(new FakeStep.Run(async token =>
        {
            await FakeCheckInService.UntilAsync(() => File.Exists(file), token);
            // The CLI writes the file before the line that names it.
            await FakeCheckInService.UntilAsync(() => new FileInfo(file).Length == png.Length, token);
            written = await File.ReadAllBytesAsync(file, token);
            mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(file);
        }));
        Fake.Script.Add(new FakeStep.Emit(Event("completed")));
        Fake.Script.Add(new FakeStep.Run(async token =>
        {
            await FakeCheckInService.UntilAsync(() => !File.Exists(file), token);
            goneBeforeTheStreamEnded = true;
        }));
        Fake.Script.Add(new FakeStep.Hold());
        using var ctrlC = new CancellationTokenSource();
        Fake.Script.Insert(Fake.Script.Count - 1, new FakeStep.Run(_ =>
        {
            ctrlC.Cancel();
            return Task.CompletedTask;
        }));

        try
        {
            var result = await RunAsync(new CliOptions { Cancellation = ctrlC.Token }, "checkin", "attend", Desk, "--photo", file);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal(png, written);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, written![..4]);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
            }

            Assert.True(goneBeforeTheStreamEnded);
            Assert.False(File.Exists(file));
            Assert.Contains($"photo 48x64 px PNG; photo written to {file}; it is deleted when the check-in ends", result.Output, StringComparison.Ordinal);
            Assert.Empty(folder.GetFiles());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Photo_is_deleted_at_exit_when_the_stream_ends_before_the_check_in()
    {
        var folder = Directory.CreateTempSubdirectory("onshi-photo-");
        var file = Path.Combine(folder.FullName, "photo.png");
        var wasThere = false;
        Fake.Script.Add(new FakeStep.Emit(Event("started")));
        Fake.Script.Add(new FakeStep.Emit(VisualCheck(TinyPng.Create(2, 2))));
        Fake.Script.Add(new FakeStep.Run(async token =>
        {
            await FakeCheckInService.UntilAsync(() => File.Exists(file), token);
            wasThere = true;
        }));
        Fake.EndWith = Failure(StatusCode.Unavailable, ErrorReason.ServiceStopping);

        try
        {
            var result = await RunAsync(new CliOptions(), "checkin", "attend", Desk, "--photo", file);

            Assert.Equal(2, result.ExitCode);
            Assert.True(wasThere);
            Assert.False(File.Exists(file));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Photo_never_replaces_a_file_that_is_there()
    {
        var folder = Directory.CreateTempSubdirectory("onshi-photo-");
        var file = Path.Combine(folder.FullName, "photo.png");
        await File.WriteAllTextAsync(file, "someone else's");
        Fake.Script.Add(new FakeStep.Emit(Event("started")));
        Fake.Script.Add(new FakeStep.Emit(VisualCheck(TinyPng.Create(2, 2))));
        Fake.Script.Add(new FakeStep.Emit(Event("completed")));

        try
        {
            var result = await RunAsync(new CliOptions(), "checkin", "attend", Desk, "--photo", file);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains($"the photo was not written to {file}", result.Error, StringComparison.Ordinal);
            Assert.Equal("someone else's", await File.ReadAllTextAsync(file));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_face_reader_that_is_not_configured_is_answered_with_the_configured_ids()
    {
        Fake.Refusal = Failure(StatusCode.NotFound, ErrorReason.FaceReaderNotFound, (ContractErrors.FaceReadersKey, "desk-1\nentrance"));

        var result = await RunAsync(new CliOptions(), "checkin", "watch", "desk-9");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: There is no face reader of that id; the configured ones are: desk-1, entrance. [FACE_READER_NOT_FOUND]\n", result.Error);
    }

    [Fact]
    public async Task No_face_reader_configured_is_said_so()
    {
        Fake.Refusal = Failure(StatusCode.NotFound, ErrorReason.FaceReaderNotFound, (ContractErrors.FaceReadersKey, ""));

        var result = await RunAsync(new CliOptions(), "checkin", "attend", "desk-9");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: There is no face reader of that id; none is configured (OnshiDevice:FaceReaders). [FACE_READER_NOT_FOUND]\n", result.Error);
    }

    [Fact]
    public async Task A_reader_another_desk_attends_points_to_watch()
    {
        Fake.Refusal = Failure(StatusCode.FailedPrecondition, ErrorReason.ReaderAttended);

        var result = await RunAsync(new CliOptions(), "checkin", "attend", Desk);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: Another desk attends this face reader; follow it with `onshi checkin watch`, or attend it once that desk has ended. [READER_ATTENDED]\n",
            result.Error);
    }

    [Fact]
    public async Task A_reader_another_desk_attends_is_told_in_japanese()
    {
        Fake.Refusal = Failure(StatusCode.FailedPrecondition, ErrorReason.ReaderAttended);

        var result = await RunAsync(new CliOptions(), "--lang", "ja", "checkin", "attend", Desk);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "エラー: この顔認証付きカードリーダーは別の窓口が受付中です。`onshi checkin watch` で様子を見るか、その窓口が終わってから受付してください。 [READER_ATTENDED]\n",
            result.Error);
    }

    private static CheckInEvent Event(string name)
    {
        var e = new CheckInEvent { FaceReader = Desk, CheckInId = CheckInId, Time = At };
        switch (name)
        {
            case "reader_state connected":
                e.CheckInId = "";
                e.ReaderState = new FaceReaderState { FaceReader = Desk, Connected = true, Info = new FaceReaderInfo { Model = "FR-100", Firmware = "2.1" } };
                break;
            case "reader_state not connected":
                e.CheckInId = "";
                e.ReaderState = new FaceReaderState { FaceReader = Desk };
                break;
            case "started":
                e.Started = new CheckInStarted();
                break;
            case "method_chosen":
                e.MethodChosen = new MethodChosen { Method = CheckInMethod.Face };
                break;
            case "face_result compared":
                e.FaceResult = new FaceResult { Outcome = FaceCaptureOutcome.Compared, Score = 0.91234, Live = true, Passed = true };
                break;
            case "face_result no face":
                e.FaceResult = new FaceResult { Outcome = FaceCaptureOutcome.NoFace, ConsecutiveFailures = 2 };
                break;
            case "pin_result incorrect":
                e.PinResult = new PinResult { Outcome = SecretCheckOutcome.Incorrect, TriesLeft = 2 };
                break;
            case "pin_result verified":
                e.PinResult = new PinResult { Outcome = SecretCheckOutcome.Verified };
                break;
            case "card_face_number_needed":
                e.CardFaceNumberNeeded = new CardFaceNumberNeeded();
                break;
            case "card_face_number_result":
                e.CardFaceNumberResult = new CardFaceNumberResult { Outcome = SecretCheckOutcome.LastTryRefused, TriesLeft = 1 };
                break;
            case "card_face_number_result verified":
                e.CardFaceNumberResult = new CardFaceNumberResult { Outcome = SecretCheckOutcome.Verified };
                break;
            case "visual_check_needed":
                e.VisualCheckNeeded = new VisualCheckNeeded { CardFaceSignature = CardFaceSignature.Valid };
                break;
            case "consent_recorded":
                e.ConsentRecorded = new ConsentRecorded { Consent = new Consent { Topic = ConsentTopic.Medication, Answer = ConsentAnswer.Agreed, AnsweredAt = At } };
                break;
            case "completed":
                e.Completed = new CheckInCompleted
                {
                    Method = CheckInMethod.Face,
                    Verification = new VerifyResponse { Valid = true, Path = { new CertificateSummary { SerialNumber = "0A1B2C", Subject = "CN=JPKI auth 0001" } } },
                    Consents =
                    {
                        new Consent { Topic = ConsentTopic.Medication, Answer = ConsentAnswer.Agreed },
                        new Consent { Topic = ConsentTopic.Surgery, Answer = ConsentAnswer.Declined },
                    },
                };
                break;
            case "completed not valid":
                e.Completed = new CheckInCompleted { Method = CheckInMethod.Pin, Verification = new VerifyResponse() };
                break;
            case "failed":
                e.Failed = new CheckInFailed { Reason = CheckInFailureReason.CardRemoved, Step = CheckInStep.FaceCapture };
                break;
            case "cancelled":
                e.Cancelled = new CheckInCancelled { By = CheckInCancelledBy.Staff, Step = CheckInStep.PinEntry };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such event in the table.");
        }

        return e;
    }

    private static CheckInEvent VisualCheck(byte[] png) => new()
    {
        FaceReader = Desk,
        CheckInId = CheckInId,
        Time = At,
        VisualCheckNeeded = new VisualCheckNeeded { PhotoPng = ByteString.CopyFrom(png), CardFaceSignature = CardFaceSignature.Valid },
    };

    private static RpcException Failure(StatusCode code, ErrorReason reason, params (string Key, string Value)[] metadata)
    {
        var info = new ErrorInfo { Domain = ContractErrors.Domain, Reason = reason.ToWire() };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        return new Google.Rpc.Status { Code = (int)code, Message = "the fake's message", Details = { Any.Pack(info) } }.ToRpcException();
    }

    private Task<CliResult> RunAsync(CliOptions options, params string[] args) => InProcessCli.RunAsync(_host.CreateChannel, options, args);
}
