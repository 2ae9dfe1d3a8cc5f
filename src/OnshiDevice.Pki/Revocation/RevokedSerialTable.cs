using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// The revoked serials of one CRL in an open-addressing hash table over flat arrays: no per-entry objects,
/// constant-time lookups with an exact byte comparison, and memory that is a fixed few arrays.
/// Per entry: the serial bytes + 1 length byte in one byte store, a 4-byte store offset, an 8-byte
/// revocation time, a 1-byte reason, and 2 × 4-byte slots (load factor ≤ 0.5) ≈ 22 + serial length bytes.
/// </summary>
internal sealed class RevokedSerialTable
{
    private const byte NoReason = 0xFF;

    private readonly byte[] _store;
    private readonly int[] _offsets;
    private readonly long[] _revokedAtUnixSeconds;
    private readonly byte[] _reasons;
    private readonly int[] _slots;
    private readonly int _mask;

    private RevokedSerialTable(byte[] store, int[] offsets, long[] revokedAt, byte[] reasons, int[] slots)
    {
        _store = store;
        _offsets = offsets;
        _revokedAtUnixSeconds = revokedAt;
        _reasons = reasons;
        _slots = slots;
        _mask = slots.Length - 1;
    }

    public int Count => _offsets.Length;

    /// <summary>Bytes held by the table's arrays (what one CRL costs in memory).</summary>
    public long MemoryBytes => _store.LongLength + (_offsets.LongLength * 4) + (_revokedAtUnixSeconds.LongLength * 8)
        + _reasons.LongLength + (_slots.LongLength * 4);

    public bool TryFind(ReadOnlySpan<byte> serial, out DateTimeOffset revokedAt, out int? reason)
    {
        var slot = Hash(serial) & _mask;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                revokedAt = default;
                reason = null;
                return false;
            }

            var offset = _offsets[entry];
            if (_store.AsSpan(offset + 1, _store[offset]).SequenceEqual(serial))
            {
                revokedAt = DateTimeOffset.FromUnixTimeSeconds(_revokedAtUnixSeconds[entry]);
                reason = _reasons[entry] == NoReason ? null : _reasons[entry];
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static int Hash(ReadOnlySpan<byte> serial)
    {
        // HashCode is seeded per process: a CRL file (parsed before its signature is checked) cannot be
        // crafted to make every serial collide and turn the load quadratic.
        var hash = default(HashCode);
        hash.AddBytes(serial);
        return hash.ToHashCode();
    }

    /// <summary>Accumulates entries while the CRL is walked; <see cref="Build"/> fixes the arrays.</summary>
    internal sealed class Builder
    {
        private byte[] _store;
        private int _storeLength;
        private int[] _offsets;
        private long[] _revokedAt;
        private byte[] _reasons;
        private int _count;

        public Builder(int expectedBytes)
        {
            // An entry is at least ~17 bytes of DER: a good first guess at the count avoids regrowing.
            var guess = Math.Max(4, expectedBytes / 24);
            _store = new byte[Math.Max(16, expectedBytes / 2)];
            _offsets = new int[guess];
            _revokedAt = new long[guess];
            _reasons = new byte[guess];
        }

        public void Add(ReadOnlySpan<byte> serial, long revokedAtUnixSeconds, int? reason)
        {
            if (serial.Length is 0 or > 255)
            {
                throw DerWalker.Malformed("revoked serial number has an impossible length");
            }

            if (_count == _offsets.Length)
            {
                var size = _count * 2;
                Array.Resize(ref _offsets, size);
                Array.Resize(ref _revokedAt, size);
                Array.Resize(ref _reasons, size);
            }

            if (_storeLength + serial.Length + 1 > _store.Length)
            {
                Array.Resize(ref _store, Math.Max(_store.Length * 2, _storeLength + serial.Length + 1));
            }

            _offsets[_count] = _storeLength;
            _revokedAt[_count] = revokedAtUnixSeconds;
            _reasons[_count] = reason is { } value ? (byte)value : NoReason;
            _store[_storeLength] = (byte)serial.Length;
            serial.CopyTo(_store.AsSpan(_storeLength + 1));
            _storeLength += serial.Length + 1;
            _count++;
        }

        public RevokedSerialTable Build()
        {
            var store = _store.AsSpan(0, _storeLength).ToArray();
            var offsets = _offsets.AsSpan(0, _count).ToArray();
            var revokedAt = _revokedAt.AsSpan(0, _count).ToArray();
            var reasons = _reasons.AsSpan(0, _count).ToArray();
            var slotCount = 4;
            while (slotCount < _count * 2)
            {
                slotCount *= 2;
            }

            var slots = new int[slotCount];
            var mask = slotCount - 1;
            for (var entry = 0; entry < offsets.Length; entry++)
            {
                var serial = store.AsSpan(offsets[entry] + 1, store[offsets[entry]]);
                var slot = Hash(serial) & mask;
                while (slots[slot] != 0)
                {
                    // A serial listed twice keeps its first entry (the CRL is still usable).
                    var other = slots[slot] - 1;
                    if (store.AsSpan(offsets[other] + 1, store[offsets[other]]).SequenceEqual(serial))
                    {
                        break;
                    }

                    slot = (slot + 1) & mask;
                }

                if (slots[slot] == 0)
                {
                    slots[slot] = entry + 1;
                }
            }

            return new RevokedSerialTable(store, offsets, revokedAt, reasons, slots);
        }
    }
}
