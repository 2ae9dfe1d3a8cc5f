using System.CommandLine;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi checkin list|watch|attend`: the face-authentication readers' check-ins (the CheckIn service).</summary>
internal static class CheckInCommand
{
    public static Command Create(OnshiCli cli)
    {
        var command = new Command("checkin", CheckIns.CheckInDescription);
        command.Subcommands.Add(CheckInListCommand.Create(cli));
        command.Subcommands.Add(CheckInWatchCommand.Create(cli));
        command.Subcommands.Add(CheckInAttendCommand.Create(cli));
        return command;
    }

    /// <summary>The FACE_READER argument watch and attend take.</summary>
    internal static Argument<string> FaceReaderArgument() => new("FACE_READER") { Description = CheckIns.FaceReaderArgument };
}
