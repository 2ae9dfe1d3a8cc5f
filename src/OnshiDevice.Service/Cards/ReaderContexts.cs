using System.Collections.Concurrent;
using OnshiDevice.PcSc;

namespace OnshiDevice.Service.Cards;

/// <summary>
/// One long-lived PC/SC context per reader, for the card calls on that reader.
/// <para>
/// Establishing a context costs a new connection to pcscd (about 0.4 ms on pcsc-lite, more than a
/// whole APDU exchange with a fast reader), so card calls reuse one. It is one per reader, not one
/// for the service, because pcsc-lite serialises the calls of a context: a card that never answers
/// must hold up only its own reader. Callers hold the reader's <see cref="ReaderLocks"/> lock, so a
/// context is used by one call at a time. A context that died with pcscd is replaced on the next
/// connect.
/// </para>
/// </summary>
public sealed class ReaderContexts(IPcscApi api) : IDisposable
{
    private readonly ConcurrentDictionary<string, ContextHolder> _contexts = new(StringComparer.Ordinal);

    /// <summary>Connects to the card in the reader (shared), replacing the reader's context once if PC/SC restarted since it was made.</summary>
    public CardConnection Connect(string readerName)
    {
        var holder = _contexts.GetOrAdd(readerName, static _ => new ContextHolder());
        holder.Context ??= PcscContext.Establish(api);
        try
        {
            return holder.Context.Connect(readerName, ShareMode.Shared);
        }
        catch (PcscServiceUnavailableException)
        {
            holder.Replace(null);
            holder.Replace(PcscContext.Establish(api));
            return holder.Context!.Connect(readerName, ShareMode.Shared);
        }
    }

    public void Dispose()
    {
        foreach (var holder in _contexts.Values)
        {
            holder.Replace(null);
        }
    }

    private sealed class ContextHolder
    {
        public PcscContext? Context { get; set; }

        public void Replace(PcscContext? context)
        {
            Context?.Dispose();
            Context = context;
        }
    }
}
