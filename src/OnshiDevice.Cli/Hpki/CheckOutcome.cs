namespace OnshiDevice.Cli.Hpki;

/// <summary>How one check came out. A warning does not fail the check (exit code 0) but says what to watch.</summary>
internal enum CheckOutcome
{
    Pass,
    Warn,
    Fail,
}
