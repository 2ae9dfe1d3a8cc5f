namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// The one rule of a face reader's id (the key under OnshiDevice:FaceReaders, and the face_reader of every CheckIn
/// request): 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', so it is safe in a log line and a file name.
/// </summary>
public static class FaceReaderIds
{
    public const int MaxLength = 64;

    public const string Rule = "1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
