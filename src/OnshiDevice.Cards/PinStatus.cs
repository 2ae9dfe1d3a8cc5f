namespace OnshiDevice.Cards;

/// <summary>
/// Tries left of a PIN, learned without spending one. <see cref="TriesLeft"/> is null when the
/// card does not tell (it rejects the data-less VERIFY): unknown, never guessed.
/// </summary>
public sealed record PinStatus(int? TriesLeft, int MaxTries)
{
    public bool IsKnown => TriesLeft is not null;

    public bool IsBlocked => TriesLeft == 0;

    public static PinStatus Unknown(int maxTries) => new(null, maxTries);
}
