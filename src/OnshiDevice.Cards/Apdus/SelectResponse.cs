using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>
/// The answer to a SELECT. Only 9000 selects: 6A82 (not found), 6A86 and anything else leave the card
/// without that application or file, and the FCI an HPKI SELECT returns is not read.
/// </summary>
public sealed class SelectResponse
{
    public SelectResponse(ResponseApdu response)
    {
        ArgumentNullException.ThrowIfNull(response);
        StatusWord = response.StatusWord;
    }

    public StatusWord StatusWord { get; }

    public bool IsSelected => StatusWord.IsSuccess;

    /// <summary>The card-layer error of a file SELECT that did not select; 6982 is the PIN-first error.</summary>
    public void ThrowIfNotSelected(string what)
    {
        if (!IsSelected)
        {
            throw UnexpectedStatus.For($"SELECT of {what}", StatusWord);
        }
    }
}
