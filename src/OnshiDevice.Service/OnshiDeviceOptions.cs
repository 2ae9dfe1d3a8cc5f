namespace OnshiDevice.Service;

/// <summary>Settings of the device service, bound from the configuration section "OnshiDevice".</summary>
public sealed class OnshiDeviceOptions
{
    public const string SectionName = "OnshiDevice";

    /// <summary>The longest a card call may take when the client sets no earlier deadline.</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a call waits for another call on the same reader to finish (also bounded by the deadline).</summary>
    public TimeSpan ReaderLockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most WatchReaders streams (with any other subscriber of the reader hub) served at once; one more is refused
    /// with RESOURCE_EXHAUSTED / WATCH_LIMIT_REACHED. Streams cost memory only (about a few KiB each, docs/BENCHMARKS.md),
    /// never a PC/SC context or a thread; the cap keeps a leaking client from growing the service without bound. One
    /// HTTP/2 connection may carry all of them: Kestrel's streams per connection are raised to this plus 100.
    /// </summary>
    public int MaxWatchStreams { get; set; } = 1000;

    /// <summary>
    /// Whether Cards.ReadCertificate may read the JPKI signing certificate (off by default). That certificate names
    /// the holder (name, address, birth date) and the eligibility check never needs it.
    /// </summary>
    public bool AllowJpkiSigningCertificateRead { get; set; }

    /// <summary>
    /// The face-authentication readers, by id (OnshiDevice:FaceReaders:&lt;id&gt;:SerialPort and :CardSlotReader); none by
    /// default. docs/CHECK-IN-FLOW.md, "Configuration".
    /// </summary>
    public Dictionary<string, CheckIns.FaceReaderSettings> FaceReaders { get; } = new(StringComparer.Ordinal);
}
