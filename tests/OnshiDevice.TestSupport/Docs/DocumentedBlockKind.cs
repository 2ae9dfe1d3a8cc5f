namespace OnshiDevice.TestSupport.Docs;

/// <summary>How a documented block of commands is tested (docs/CONTRIBUTING-DOCS.md).</summary>
public enum DocumentedBlockKind
{
    /// <summary>Run by the docs tests in a sandbox folder, against the service under --simulate.</summary>
    Simulated,

    /// <summary>Run by the hardware tier's docs tests, against the machine's pcscd with the vpcd readers.</summary>
    Pcscd,

    /// <summary>Run by .ci/run itself (set-up and the test command).</summary>
    Ci,

    /// <summary>Changes the machine (installs, users, systemd): run by .ci/run's package smoke test where it can be, else by hand.</summary>
    System,

    /// <summary>A benchmark: minutes long, on a quiet machine; the project is built by every CI run.</summary>
    Benchmark,
}
