using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>
/// VERIFY (00 20 00 P2). P2 80 checks the PIN of the current EF (JPKI); P2 88 names DF-specific
/// reference data 08 (HPKI), whatever EF is current.
/// </summary>
public static class VerifyCommand
{
    /// <summary>The PIN of the current EF (the My Number card).</summary>
    public const byte CurrentEf = 0x80;

    /// <summary>DF-specific reference data 08: the PIN of the selected HPKI application.</summary>
    public const byte HpkiPin = 0x88;

    private const byte Ins = 0x20;

    /// <summary>Case 1, no data, against the current EF's PIN: the card answers 63Cx with the tries left and spends none.</summary>
    public static CommandApdu QueryRetryCounter() => QueryRetryCounter(CurrentEf);

    /// <summary>Case 1, no data, against the PIN <paramref name="reference"/> names in P2.</summary>
    public static CommandApdu QueryRetryCounter(byte reference) => new(0x00, Ins, 0x00, reference);

    /// <summary>
    /// Case 3 with the PIN as ASCII bytes, against the current EF's PIN. The command refers to the
    /// caller's buffer (no copy), so the caller can clear it after sending.
    /// </summary>
    public static CommandApdu WithPin(ReadOnlyMemory<byte> pin) => WithPin(pin, CurrentEf);

    /// <summary>Case 3 against the PIN <paramref name="reference"/> names in P2; refers to the caller's buffer like <see cref="WithPin(ReadOnlyMemory{byte})"/>.</summary>
    public static CommandApdu WithPin(ReadOnlyMemory<byte> pin, byte reference)
    {
        if (pin.IsEmpty)
        {
            throw new ArgumentException("A PIN has at least one byte.", nameof(pin));
        }

        return new CommandApdu(0x00, Ins, 0x00, reference, pin);
    }
}
