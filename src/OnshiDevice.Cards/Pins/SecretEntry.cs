using System.Security.Cryptography;

namespace OnshiDevice.Cards.Pins;

/// <summary>
/// A secret as a person or a device entered it (a PIN typed on the face-auth reader's keypad, a 照合番号B read by its
/// OCR or typed by staff): ASCII bytes in one buffer this object owns, never a string, which could not be wiped. The
/// buffer goes into one VERIFY and is zeroed on <see cref="Dispose"/>; whoever holds the entry disposes it, at once
/// after that VERIFY or when the entry is dropped unused. <see cref="ToString"/> never shows the value.
/// </summary>
public sealed class SecretEntry : IDisposable
{
    /// <summary>The longest entry anything takes (a 16-character HPKI PIN); a device sending more is refused before copying.</summary>
    public const int MaxLength = 16;

    private readonly byte[] _buffer;
    private bool _disposed;

    private SecretEntry(byte[] buffer)
    {
        _buffer = buffer;
    }

    public int Length => _buffer.Length;

    /// <summary>Copies <paramref name="ascii"/> into a buffer of its own; the caller wipes its copy.</summary>
    public static SecretEntry Copy(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length is 0 or > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(ascii), ascii.Length, $"An entered secret has 1 to {MaxLength} characters.");
        }

        return new SecretEntry(ascii.ToArray());
    }

    /// <summary>The bytes, for the one VERIFY; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer;
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_buffer);
        _disposed = true;
    }

    public override string ToString() => $"SecretEntry({_buffer.Length} characters)";
}
