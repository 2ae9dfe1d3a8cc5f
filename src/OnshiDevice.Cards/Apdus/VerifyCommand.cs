using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>VERIFY (00 20 00 80) against the PIN of the current EF.</summary>
public static class VerifyCommand
{
    private const byte Ins = 0x20;
    private const byte CurrentEf = 0x80;

    /// <summary>Case 1, no data: the card answers 63Cx with the tries left and spends none.</summary>
    public static CommandApdu QueryRetryCounter() => new(0x00, Ins, 0x00, CurrentEf);

    /// <summary>
    /// Case 3 with the PIN as ASCII bytes. The command refers to the caller's buffer (no copy),
    /// so the caller can clear it after sending.
    /// </summary>
    public static CommandApdu WithPin(ReadOnlyMemory<byte> pin)
    {
        if (pin.IsEmpty)
        {
            throw new ArgumentException("A PIN has at least one byte.", nameof(pin));
        }

        return new CommandApdu(0x00, Ins, 0x00, CurrentEf, pin);
    }
}
