using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using OnshiDevice.Cli.FaceReaders;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>
/// `onshi checkin attend FACE_READER [--photo FILE]`: the staff desk. Starts AttendCheckIns, prints every event as
/// `onshi checkin watch` does, and sends the keys typed on standard input (<see cref="DeskKeys"/>) until Ctrl+C or the
/// stream's end. A visual check's photo is described by its size; only --photo writes it, and only for its check-in.
/// </summary>
internal static class CheckInAttendCommand
{
    public static Command Create(OnshiCli cli)
    {
        var faceReader = CheckInCommand.FaceReaderArgument();
        var photo = new Option<FileInfo?>("--photo") { Description = CheckIns.PhotoDescription };
        var command = new Command("attend", CheckIns.AttendDescription) { Arguments = { faceReader }, Options = { photo } };
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            using var photoFile = parseResult.GetValue(photo) is { } file ? new PhotoFile(file.FullName) : null;
            var console = new DeskConsole(context.Io);
            // No deadline: a desk stays open all day (like `onshi watch`); Ctrl+C ends it.
            using var call = context.CheckIn.AttendCheckIns(cancellationToken: token);
            var start = new AttendCheckInsRequest { Start = new StartAttending { FaceReader = parseResult.GetRequiredValue(faceReader) } };
            await call.RequestStream.WriteAsync(start, token);
            using var stopKeys = CancellationTokenSource.CreateLinkedTokenSource(token);
            // On a thread of its own: reading a terminal blocks, whatever the async signature says.
            var keys = Task.Run(() => DeskKeys.ReadAsync(context.Io, console, call.RequestStream, stopKeys.Token), CancellationToken.None);
            try
            {
                await foreach (var response in call.ResponseStream.ReadAllAsync(token))
                {
                    if (response.Event is { } checkInEvent)
                    {
                        Show(checkInEvent, context.Io.Time, console, photoFile);
                    }
                }
            }
            finally
            {
                console.Close();
                await stopKeys.CancelAsync();
            }

            // Input that is not a terminal has ended, or stops at the cancel; a terminal's read may block on: not awaited then.
            if (keys.IsCompleted)
            {
                await keys;
            }
        }));
        return command;
    }

    private static void Show(CheckInEvent checkInEvent, CliTime time, DeskConsole console, PhotoFile? photoFile)
    {
        switch (checkInEvent.KindCase)
        {
            case CheckInEvent.KindOneofCase.Started:
                photoFile?.CheckInStarted(checkInEvent.CheckInId);
                break;
            case CheckInEvent.KindOneofCase.VisualCheckNeeded when !checkInEvent.VisualCheckNeeded.PhotoPng.IsEmpty:
                console.Out(CheckInEventLine.Describe(checkInEvent, time, Photo(checkInEvent, console, photoFile)));
                return;
            case CheckInEvent.KindOneofCase.Completed or CheckInEvent.KindOneofCase.Failed or CheckInEvent.KindOneofCase.Cancelled:
                // Gone before the line says the check-in ended.
                photoFile?.CheckInEnded(checkInEvent.CheckInId);
                break;
        }

        console.Out(CheckInEventLine.Describe(checkInEvent, time));
    }

    // The photo's size for the line, and the file when --photo asked for one (written before the line that points to it).
    private static string Photo(CheckInEvent checkInEvent, DeskConsole console, PhotoFile? photoFile)
    {
        var png = checkInEvent.VisualCheckNeeded.PhotoPng.Span;
        var facts = PngSize.Of(png) is { } size
            ? Text.Format(CheckIns.PhotoSize, size.Width.ToString(CultureInfo.InvariantCulture), size.Height.ToString(CultureInfo.InvariantCulture))
            : CheckIns.PhotoSizeUnknown;
        if (photoFile is null)
        {
            return facts;
        }

        try
        {
            photoFile.Write(checkInEvent.CheckInId, png);
            return $"{facts}; {Text.Format(CheckIns.PhotoWritten, photoFile.FullPath)}";
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // The desk goes on: the line still tells staff that a visual check is due.
            console.Answer(Text.Format(CheckIns.PhotoNotWritten, photoFile.FullPath, failure.Message.ReplaceLineEndings(" ")));
            return facts;
        }
    }
}
