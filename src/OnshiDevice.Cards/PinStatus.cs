namespace OnshiDevice.Cards;

/// <summary>Tries left of a PIN, learned without spending one.</summary>
public sealed record PinStatus(int TriesLeft, int MaxTries)
{
    public bool IsBlocked => TriesLeft == 0;
}
