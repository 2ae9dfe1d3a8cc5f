namespace OnshiDevice.TestSupport;

/// <summary>
/// The check every test host runs at teardown that no exception got past the service's error mapping: gRPC logs such
/// an exception as "Error when executing service method" and the client gets UNKNOWN with no reason, which
/// docs/ERRORS.md promises never happens. Failing here names the exception the client never saw. A request the protobuf
/// parser refuses is logged the same way before any interceptor runs; RequestReadFailures gives that one its reason.
/// </summary>
public static class UnmappedErrors
{
    private const string FrameworkLine = "Error when executing service method";
    private const string UnreadableRequest = "Google.Protobuf.InvalidProtocolBufferException";

    public static void AssertNone(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var escaped = lines.Where(line => line.Contains(FrameworkLine, StringComparison.Ordinal) && !line.Contains(UnreadableRequest, StringComparison.Ordinal)).ToList();
        Assert.True(escaped.Count == 0, $"{source} let an exception past the error mapping:\n  {string.Join("\n  ", escaped.Take(5))}");
    }
}
