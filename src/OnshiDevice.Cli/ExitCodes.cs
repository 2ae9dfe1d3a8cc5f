namespace OnshiDevice.Cli;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line could not be parsed (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>The service (or the way to it) failed the request.</summary>
    public const int ServiceError = 2;

    /// <summary>A check command ran to the end and at least one item failed (the output says which).</summary>
    public const int ChecksFailed = 3;

    /// <summary>A check command ran to the end; nothing failed but something needs attention (onshi health: a part warns).</summary>
    public const int NeedsAttention = 4;
}
