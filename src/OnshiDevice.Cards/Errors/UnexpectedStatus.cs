using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Errors;

/// <summary>Turns a status word the operation did not expect into the card-layer exception for it.</summary>
internal static class UnexpectedStatus
{
    public static CardException For(string operation, StatusWord statusWord) => statusWord == StatusWord.SecurityStatusNotSatisfied
        ? new SecurityStatusNotSatisfiedException($"{operation}: the card wants a PIN verified first (SW {statusWord}).")
        : new CardProtocolException($"{operation}: unexpected status word {statusWord}.");
}
