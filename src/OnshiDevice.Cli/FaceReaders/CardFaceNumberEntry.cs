using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli.FaceReaders;

/// <summary>
/// 照合番号B as staff enter it at the desk: asked without echo on a terminal (the way every PIN prompt of `onshi`
/// asks, <see cref="CliIo.ReadSecretFromTerminal"/>), else the next line of standard input; checked against the one
/// rule the service and the card layer use (<see cref="PinFormat.CardFaceNumberB"/>) before it is sent, so a mistyped
/// number costs none of the card's 10 tries. The number is never printed, and a refusal names the rule, not the value.
/// </summary>
internal static class CardFaceNumberEntry
{
    /// <summary>The number as the card compares it (full-width digits read as ASCII); null, with the reason told, when it is not one.</summary>
    public static async Task<string?> ReadAsync(CliIo io, DeskConsole console, CancellationToken cancellationToken)
    {
        var typed = io.ReadSecretFromTerminal is { } ask
            ? ask(CheckIns.NumberPrompt)
            : await io.In.ReadLineAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(typed))
        {
            console.Answer(CheckIns.NumberMissing);
            return null;
        }

        var number = Canonical(typed);
        if (number is null)
        {
            console.Answer(CheckIns.NumberRefused);
        }

        return number;
    }

    /// <summary>The number in the form the card compares, or null when the 照合番号B rule refuses it.</summary>
    public static string? Canonical(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        try
        {
            return PinFormat.CardFaceNumberB.Canonical(typed.Trim());
        }
        catch (InvalidPinFormatException)
        {
            return null;
        }
    }
}
