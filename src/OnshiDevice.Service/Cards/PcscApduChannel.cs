using System.Buffers;
using System.Security.Cryptography;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;

namespace OnshiDevice.Service.Cards;

/// <summary>Carries APDUs over a PC/SC card connection. Status words pass through untouched.</summary>
public sealed class PcscApduChannel : IApduChannel
{
    /// <summary>The data field of an extended APDU exceeds the short maximum; a reader that carries less than this is short-only.</summary>
    public const int ExtendedLengthThreshold = 261;

    private readonly CardConnection _connection;
    private readonly Lazy<bool> _supportsExtendedLength;

    public PcscApduChannel(CardConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _supportsExtendedLength = new Lazy<bool>(ReaderCarriesExtendedLength);
    }

    /// <summary>True unless the reader says it carries less than an extended APDU; the cards layer falls back to short APDUs if the card refuses.</summary>
    public bool SupportsExtendedLength => _supportsExtendedLength.Value;

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();

        // Encoded into a pooled buffer that is wiped afterwards: a VERIFY carries the PIN, and no copy of
        // it may linger in memory after the exchange.
        var length = command.EncodedLength;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            command.Encode(buffer);
            return ResponseApdu.Parse(_connection.Transmit(buffer.AsSpan(0, length)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A reader that does not tell is treated as able: the cards layer falls back to short APDUs when the card refuses.
    private bool ReaderCarriesExtendedLength() => _connection.GetMaxApduDataSize() is not { } max || max >= ExtendedLengthThreshold;
}
