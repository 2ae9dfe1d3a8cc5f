namespace OnshiDevice.PcSc;

/// <summary>SCARD_SCOPE_*.</summary>
public enum ContextScope
{
    User = 0,
    Terminal = 1,
    System = 2,
}
