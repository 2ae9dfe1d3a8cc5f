namespace OnshiDevice.Service.Status;

/// <summary>
/// The last CRL download's outcome, for DeviceStatus: whoever downloads CRLs into the folder records how it ended here,
/// and the CRL part reports it (a failure is CRL_FETCH_FAILED). Nothing is recorded until a download has run.
/// </summary>
public sealed class CrlFetchHistory
{
    private CrlFetchOutcome? _last;

    /// <summary>The last outcome recorded, or null when no download has run since the service started.</summary>
    public CrlFetchOutcome? Last => Volatile.Read(ref _last);

    public void Record(CrlFetchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Volatile.Write(ref _last, outcome);
    }
}
