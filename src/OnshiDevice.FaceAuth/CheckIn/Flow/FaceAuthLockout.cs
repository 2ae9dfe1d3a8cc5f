using System.Security.Cryptography;
using OnshiDevice.Cards.Pins;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// Consecutive face failures per card, for the whole process (a card may be tried on another reader). A card is known
/// by an HMAC of its 照合番号B under a key drawn at random when this object is made and kept in memory only, so the
/// table never holds the number, and its keys mean nothing outside this process. One instance per process, shared by
/// every reader's flow.
/// </summary>
public sealed class FaceAuthLockout
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The card's key in this table; <paramref name="cardFaceNumber"/> is only read.</summary>
    internal string KeyFor(SecretEntry cardFaceNumber) => Convert.ToHexString(HMACSHA256.HashData(_key, cardFaceNumber.Bytes));

    internal int FailuresOf(string cardKey)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(cardKey);
        }
    }

    /// <summary>Counts one more failure in a row and returns the count.</summary>
    internal int RecordFailure(string cardKey)
    {
        lock (_lock)
        {
            var count = _failures.GetValueOrDefault(cardKey) + 1;
            _failures[cardKey] = count;
            return count;
        }
    }

    /// <summary>A pass ends the run of failures.</summary>
    internal void RecordSuccess(string cardKey)
    {
        lock (_lock)
        {
            _failures.Remove(cardKey);
        }
    }
}
