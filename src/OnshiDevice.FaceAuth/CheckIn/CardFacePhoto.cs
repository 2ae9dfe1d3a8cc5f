using System.Security.Cryptography;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// The card's photo (DF27, JPEG 2000) for one check-in: for the reader's face comparison or the staff visual check,
/// never stored, logged or kept after the check-in. The holder disposes it, which wipes the bytes.
/// </summary>
public sealed class CardFacePhoto : IDisposable
{
    private readonly byte[] _jpeg2000;
    private readonly Lock _gate = new();
    private bool _disposed;

    public CardFacePhoto(byte[] jpeg2000, CardFaceSignature signature, ChipPresence chipPresence)
    {
        _jpeg2000 = jpeg2000;
        Signature = signature;
        ChipPresence = chipPresence;
    }

    /// <summary>The photo as the chip holds it; after <see cref="Dispose"/> it throws <see cref="ObjectDisposedException"/> rather than hand out wiped bytes.</summary>
    public ReadOnlyMemory<byte> Jpeg2000
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _jpeg2000;
        }
    }

    public bool IsDisposed => _disposed;

    /// <summary>
    /// A copy of the photo for a consumer on another thread (the visual check's PNG), or false once the check-in has
    /// ended and the photo is wiped: checking and copying are one step, so the end cannot wipe it in between. The
    /// caller wipes its copy when done.
    /// </summary>
    public bool TryCopy(out byte[] jpeg2000)
    {
        lock (_gate)
        {
            jpeg2000 = _disposed ? [] : (byte[])_jpeg2000.Clone();
            return !_disposed;
        }
    }

    /// <summary>Whether the card-face signature was checked, and how it ended.</summary>
    public CardFaceSignature Signature { get; }

    /// <summary>The card-face AP's signature over the check-in's challenge.</summary>
    public ChipPresence ChipPresence { get; }

    public void Dispose()
    {
        lock (_gate)
        {
            CryptographicOperations.ZeroMemory(_jpeg2000);
            _disposed = true;
        }
    }
}
