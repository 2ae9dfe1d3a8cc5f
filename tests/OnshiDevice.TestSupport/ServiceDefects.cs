namespace OnshiDevice.TestSupport;

/// <summary>
/// The check every test host runs at teardown that its log shows no defect a client would not see as one:
/// <list type="bullet">
/// <item>an exception past the error mapping (gRPC logs "Error when executing service method" and the client gets
/// UNKNOWN with no reason, which docs/ERRORS.md promises never happens); a request the protobuf parser refused is
/// logged the same way before any interceptor runs, and RequestReadFailures gives that one its reason;</item>
/// <item>the reader hub's loop starting over after an exception it did not expect (watchers and ListReaders go on,
/// so only the log tells).</item>
/// </list>
/// Failing here names the line, exception included.
/// </summary>
public static class ServiceDefects
{
    private const string EscapedException = "Error when executing service method";
    private const string UnreadableRequest = "Google.Protobuf.InvalidProtocolBufferException";
    private const string HubLoopRestart = "The reader hub's loop failed";

    public static void AssertNone(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var defects = lines.Where(IsDefect).ToList();
        Assert.True(defects.Count == 0, $"{source} shows a defect:\n  {string.Join("\n  ", defects.Take(5))}");
    }

    private static bool IsDefect(string line) =>
        (line.Contains(EscapedException, StringComparison.Ordinal) && !line.Contains(UnreadableRequest, StringComparison.Ordinal))
        || line.Contains(HubLoopRestart, StringComparison.Ordinal);
}
