using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// Imported RSA public keys of one certificate, each used by one caller at a time. Importing costs far more
/// than a verification (≈280 µs against ≈80 µs on OpenSSL), so keys are kept; but .NET does not promise that one
/// <see cref="RSA"/> instance may verify on several threads at once on every platform, so concurrent callers
/// each take their own instance from the pool and give it back.
/// </summary>
internal sealed class RsaKeyPool
{
    // Enough for every core to verify at once with room to spare; more idle instances are disposed.
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ReadOnlyMemory<byte> _subjectPublicKeyInfo;
    private readonly ConcurrentBag<RSA> _idle = [];
    private volatile bool _unusable;

    public RsaKeyPool(ReadOnlyMemory<byte> subjectPublicKeyInfo)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
    }

    /// <summary>Instances created so far that are idle now (for tests).</summary>
    internal int IdleCount => _idle.Count;

    /// <summary>
    /// Runs <paramref name="verify"/> with an instance no other caller holds meanwhile; false when the key cannot
    /// be imported (not a valid RSA key) or verification throws.
    /// </summary>
    public bool Verify(Func<RSA, bool> verify)
    {
        ArgumentNullException.ThrowIfNull(verify);
        if (_unusable)
        {
            return false;
        }

        if (!_idle.TryTake(out var rsa))
        {
            rsa = Import();
            if (rsa is null)
            {
                _unusable = true;
                return false;
            }
        }

        try
        {
            return verify(rsa);
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            if (_idle.Count < MaxIdle)
            {
                _idle.Add(rsa);
            }
            else
            {
                rsa.Dispose();
            }
        }
    }

    private RSA? Import()
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo.Span, out _);
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            return null;
        }
    }
}
