using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OnshiDevice.Cli.FaceReaders;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>
/// `onshi checkin list`: the configured face readers (ListFaceReaders) as a table, in configuration order: id, link,
/// model and firmware, the PC/SC reader of the card slot, whether a desk attends, the check-in in progress; `--json` for scripts.
/// </summary>
internal static class CheckInListCommand
{
    public static Command Create(OnshiCli cli)
    {
        var json = new Option<bool>("--json") { Description = CheckIns.JsonDescription };
        var command = new Command("list", CheckIns.ListDescription) { Options = { json } };
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var response = await context.CheckIn.ListFaceReadersAsync(new ListFaceReadersRequest(), deadline: context.Deadline(), cancellationToken: token);
            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(context.Io.Out, response.FaceReaders);
            }
            else
            {
                await WriteTableAsync(context.Io.Out, response.FaceReaders);
            }
        }));
        return command;
    }

    internal static async Task WriteTableAsync(TextWriter output, IReadOnlyList<FaceReaderState> faceReaders)
    {
        if (faceReaders.Count == 0)
        {
            await output.WriteLineAsync(CheckIns.NoFaceReaders);
            return;
        }

        string[] headings = [CheckIns.IdHeading, CheckIns.LinkHeading, CheckIns.ModelHeading, CheckIns.CardSlotHeading, CheckIns.AttendedHeading, CheckIns.CheckInHeading];
        var cells = faceReaders.Select(faceReader => new[]
        {
            faceReader.FaceReader,
            faceReader.Connected ? CheckIns.Connected : CheckIns.NotConnected,
            CheckInEventLine.Model(faceReader.Info),
            faceReader.CardSlotReader,
            faceReader.Attended ? CheckIns.Yes : CheckIns.No,
            faceReader.CheckInId.Length > 0 ? faceReader.CheckInId : "-",
        }).ToList();
        await TextTable.WriteAsync(output, headings, cells);
    }

    private static async Task WriteJsonAsync(TextWriter output, IReadOnlyList<FaceReaderState> faceReaders)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("face_readers");
            foreach (var faceReader in faceReaders)
            {
                json.WriteStartObject();
                json.WriteString("face_reader", faceReader.FaceReader);
                json.WriteString("serial_port", faceReader.SerialPort);
                json.WriteString("card_slot_reader", faceReader.CardSlotReader);
                json.WriteBoolean("connected", faceReader.Connected);
                if (faceReader.Info is { } info)
                {
                    json.WriteStartObject("info");
                    json.WriteString("model", info.Model);
                    json.WriteString("firmware", info.Firmware);
                    json.WriteString("serial_number", info.SerialNumber);
                    json.WriteNumber("protocol_version", info.ProtocolVersion);
                    json.WriteBoolean("pin_pad", info.PinPad);
                    json.WriteBoolean("card_face_ocr", info.CardFaceOcr);
                    json.WriteBoolean("liveness", info.Liveness);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("info");
                }

                json.WriteBoolean("attended", faceReader.Attended);
                if (faceReader.CheckInId.Length > 0)
                {
                    json.WriteString("check_in_id", faceReader.CheckInId);
                }
                else
                {
                    json.WriteNull("check_in_id");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
