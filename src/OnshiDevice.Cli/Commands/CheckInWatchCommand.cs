using System.CommandLine;
using Grpc.Core;
using OnshiDevice.Cli.FaceReaders;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi checkin watch FACE_READER`: one line per check-in event, read-only, until Ctrl+C or the stream's end.</summary>
internal static class CheckInWatchCommand
{
    public static Command Create(OnshiCli cli)
    {
        var faceReader = CheckInCommand.FaceReaderArgument();
        var command = new Command("watch", CheckIns.WatchDescription) { Arguments = { faceReader } };
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            // No deadline: a watch runs as long as the screen that shows it (like `onshi watch`); Ctrl+C ends it.
            var request = new WatchCheckInsRequest { FaceReader = parseResult.GetRequiredValue(faceReader) };
            using var call = context.CheckIn.WatchCheckIns(request, cancellationToken: token);
            await foreach (var response in call.ResponseStream.ReadAllAsync(token))
            {
                if (response.Event is { } checkInEvent)
                {
                    await context.Io.Out.WriteLineAsync(CheckInEventLine.Describe(checkInEvent, context.Io.Time));
                    await context.Io.Out.FlushAsync(token);
                }
            }
        }));
        return command;
    }
}
