namespace OnshiDevice.Cards;

/// <summary>Whether a VERIFY may spend the last remaining try. A patient's card must not be locked by accident.</summary>
public enum LastTryPolicy
{
    Refuse,
    Allow,
}
