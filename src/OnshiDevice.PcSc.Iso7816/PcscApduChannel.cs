using System.Buffers;
using System.Security.Cryptography;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;

namespace OnshiDevice.PcSc.Iso7816;

/// <summary>
/// Carries APDUs over a PC/SC card connection and reports the reader's APDU limits. Status words pass
/// through untouched; a reader that fails the exchange of an extended APDU (the card never saw it) is an
/// <see cref="ExtendedLengthRefusedException"/>, so the channel above can send the command again short.
/// </summary>
public sealed class PcscApduChannel : IApduChannel
{
    private readonly CardConnection _connection;
    private readonly Lazy<ApduLimits> _limits;

    public PcscApduChannel(CardConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _limits = new Lazy<ApduLimits>(ReaderLimits);
    }

    /// <summary>
    /// What the reader reports as its largest APDU data field (CCID TLV properties; 0 means short APDUs
    /// only). A reader that does not tell (Debian's vpcd) is taken to carry extended APDUs: the first one
    /// it refuses turns the connection short (<see cref="ExtendedLengthFallbackChannel"/>).
    /// </summary>
    public ApduLimits Limits => _limits.Value;

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
        catch (PcscCommunicationException failed) when (command.IsExtended && failed.ErrorCode is PcscErrorCode.CommError or PcscErrorCode.NotTransacted)
        {
            throw new ExtendedLengthRefusedException($"The reader failed to carry an extended APDU ({command.EncodedLength} bytes).", failed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ApduLimits ReaderLimits() => _connection.GetMaxApduDataSize() is { } max ? ApduLimits.FromMaxDataSize(max) : ApduLimits.Extended;
}
