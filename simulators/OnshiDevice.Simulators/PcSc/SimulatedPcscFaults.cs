using System.Collections.Concurrent;
using OnshiDevice.PcSc;

namespace OnshiDevice.Simulators.PcSc;

/// <summary>
/// Faults a test switches on in <see cref="SimulatedPcscApi"/> to reach answers a healthy pcscd gives rarely or
/// never on demand: a missing library, a refused context, a platform without the PnP pseudo-reader, a driver that
/// fails a command, a poll that has not yet noticed a removal. Every switch is off by default, and each one
/// replaces only the answer it names; the rest of the service keeps its pcsc-lite semantics. The service reads a
/// switch under its lock at each call, so a test may flip one while other threads wait in the service.
/// </summary>
public sealed class SimulatedPcscFaults
{
    /// <summary>When set, SCardEstablishContext throws it, as the P/Invoke does when libpcsclite is missing.</summary>
    public Exception? EstablishThrows { get; set; }

    /// <summary>When not Success, SCardEstablishContext returns it (pcscd at its client cap answers SCARD_F_COMM_ERROR).</summary>
    public PcscErrorCode EstablishRefusal { get; set; }

    /// <summary>When true the PnP pseudo-reader reads as UNKNOWN, as on platforms without it.</summary>
    public bool PnpUnsupported { get; set; }

    /// <summary>When true a wait naming a reader that is not attached fails with UnknownReader (as pcsc-lite does) instead of reporting it UNKNOWN.</summary>
    public bool UnknownReaderFailsWait { get; set; }

    /// <summary>When not Success, SCardTransmit on a valid handle fails with it without asking the card, whatever state the card is in.</summary>
    public PcscErrorCode TransmitFailure { get; set; }

    /// <summary>
    /// Answers SCardControl in place of the simulated CCID driver (feature list, TLV properties), for drivers that
    /// answer otherwise: no features, a list without the TLV entry, a removed card. The output is cut to the caller's buffer.
    /// </summary>
    public Func<uint, (PcscErrorCode Code, byte[] Output)>? ControlAnswer { get; set; }

    /// <summary>Codes SCardBeginTransaction returns on a valid handle, one per call, before it answers for itself again (a queued Success answers for itself).</summary>
    public ConcurrentQueue<PcscErrorCode> BeginTransactionResults { get; } = new();

    /// <summary>Codes SCardStatus returns on a valid handle, one per call, before it answers for itself again: pcscd reporting a removal a poll late, a reset, an outage.</summary>
    public ConcurrentQueue<PcscErrorCode> StatusResults { get; } = new();
}
