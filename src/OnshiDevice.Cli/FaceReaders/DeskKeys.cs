using Grpc.Core;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.FaceReaders;

/// <summary>
/// The staff keys of `onshi checkin attend`: one per line of standard input, each sent as its AttendCheckIns command.
/// The end of input ends only this loop: the desk goes on showing events until Ctrl+C (a desk may run with stdin
/// closed). A line that is not a key is answered without repeating it, since it may be 照合番号B typed at the wrong moment.
/// </summary>
internal static class DeskKeys
{
    public static async Task ReadAsync(CliIo io, DeskConsole console, IClientStreamWriter<AttendCheckInsRequest> requests, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var line = await io.In.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    return;
                }

                if (line.Trim().Length == 0)
                {
                    continue;
                }

                var request = await RequestOfAsync(StaffKeys.Parse(line), io, console, cancellationToken);
                if (request is not null)
                {
                    await requests.WriteAsync(request, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C, or the stream ended: the events loop says why.
        }
        catch (RpcException)
        {
            // The call ended while a key was sent; the events loop reports how it ended.
        }
        catch (InvalidOperationException)
        {
            // The call is over (or disposed, ObjectDisposedException): the events loop reports how it ended.
        }
    }

    private static async Task<AttendCheckInsRequest?> RequestOfAsync(StaffKey? key, CliIo io, DeskConsole console, CancellationToken cancellationToken)
    {
        switch (key)
        {
            case null:
                console.Answer(Text.Format(CheckIns.UnknownKey, StaffKeys.List));
                return null;
            case StaffKey.Help:
                foreach (var line in StaffKeys.Help())
                {
                    console.Answer(line);
                }

                return null;
            case StaffKey.Number:
                return await CardFaceNumberEntry.ReadAsync(io, console, cancellationToken) is { } number
                    ? new AttendCheckInsRequest { EnterCardFaceNumber = new EnterCardFaceNumber { CardFaceNumber = number } }
                    : null;
            default:
                return StaffKeys.Request(key.Value);
        }
    }
}
