namespace OnshiDevice.Service.Status;

/// <summary>The bounds of a DeviceStatus answer, as status.proto states them: it stays small whatever the machine holds.</summary>
internal static class StatusLimits
{
    public const int Readers = 64;
    public const int ReaderName = 128;
    public const int PcscError = 256;
    public const int ExpiredCrls = 32;
    public const int Problems = 16;
    public const int Problem = 512;
    public const int FaceReaders = CheckIns.CheckInConfiguration.MaxFaceReaders;

    public static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    public static IEnumerable<string> Bounded(IEnumerable<string> texts) => texts.Take(Problems).Select(text => Cut(text, Problem));
}
