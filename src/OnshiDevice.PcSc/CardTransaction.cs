namespace OnshiDevice.PcSc;

/// <summary>
/// Exclusive use of a card between SCardBeginTransaction and SCardEndTransaction. Not thread-safe;
/// it belongs to the caller that began it.
/// </summary>
public sealed class CardTransaction : IDisposable
{
    private readonly IPcscApi _api;
    private readonly nint _card;
    private bool _ended;

    internal CardTransaction(IPcscApi api, nint card, bool cardWasReset)
    {
        _api = api;
        _card = card;
        CardWasReset = cardWasReset;
    }

    /// <summary>True when the card had been reset by someone else and was reconnected before the transaction began.</summary>
    public bool CardWasReset { get; }

    public void End(Disposition disposition)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        _ended = true;
        var code = _api.EndTransaction(_card, disposition);
        if (code != PcscErrorCode.Success)
        {
            throw PcscException.FromCode(code, "SCardEndTransaction");
        }
    }

    /// <summary>Ends the transaction leaving the card as it is, unless already ended. Never throws.</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            _ended = true;
            _ = _api.EndTransaction(_card, Disposition.LeaveCard);
        }
    }
}
