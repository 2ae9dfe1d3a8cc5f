namespace OnshiDevice.Cli.FaceReaders;

/// <summary>A key of the staff desk (`onshi checkin attend`), one per line of standard input.</summary>
internal enum StaffKey
{
    Cancel,
    Visual,
    Confirm,
    Reject,
    Number,
    Help,
}
