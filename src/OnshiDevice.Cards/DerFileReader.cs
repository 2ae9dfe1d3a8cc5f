using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards;

/// <summary>
/// Reads one DER SEQUENCE (a certificate) from the current EF with as few READ BINARY commands as
/// the channel allows: one extended read, or a first 256-byte read that reveals the DER length and
/// then exact 256-byte chunks. The card must deliver exactly what the DER header claims; filler after
/// the DER is dropped.
/// </summary>
internal sealed class DerFileReader
{
    private const byte SequenceTag = 0x30;
    private const int ShortChunk = CommandApdu.MaxShortNe;

    private readonly IApduChannel _channel;
    private bool _extendedLengthRefused;

    public DerFileReader(IApduChannel channel)
    {
        _channel = channel;
    }

    /// <summary>The largest DER object a 15-bit READ BINARY offset can reach.</summary>
    public static int MaxTotalLength => ReadBinaryCommand.MaxOffset;

    public byte[] Read(string what, CancellationToken cancellationToken)
    {
        if (_channel.SupportsExtendedLength && !_extendedLengthRefused)
        {
            var response = _channel.TransmitChecked(ReadBinaryCommand.Create(0, CommandApdu.MaxExtendedNe), cancellationToken);
            if (response.IsSuccess)
            {
                var data = response.Data;
                var total = TotalLength(what, data.Span);
                if (data.Length < total)
                {
                    throw new CardProtocolException($"{what}: the DER claims {total} bytes but the file holds {data.Length}.");
                }

                return data[..total].ToArray();
            }

            if (response.StatusWord != StatusWord.WrongLength)
            {
                throw UnexpectedStatus.For($"READ BINARY of {what}", response.StatusWord);
            }

            // 6700: this card or reader takes short Le only; stay short for the rest of the session.
            _extendedLengthRefused = true;
        }

        return ReadInShortChunks(what, cancellationToken);
    }

    private byte[] ReadInShortChunks(string what, CancellationToken cancellationToken)
    {
        var first = ReadChunk(what, 0, ShortChunk, cancellationToken);
        var total = TotalLength(what, first.Span);
        var der = new byte[total];
        var received = Math.Min(first.Length, total);
        first[..received].CopyTo(der);
        if (received < total && first.Length < ShortChunk)
        {
            throw new CardProtocolException($"{what}: the DER claims {total} bytes but the file ended after {first.Length}.");
        }

        // Every chunk but the last asks for 256 and must get 256; total ≤ 0x7FFF bounds this to 128 reads.
        while (received < total)
        {
            var wanted = Math.Min(ShortChunk, total - received);
            var chunk = ReadChunk(what, received, wanted, cancellationToken);
            if (chunk.Length < wanted)
            {
                throw new CardProtocolException($"{what}: the DER claims {total} bytes but the file ended after {received + chunk.Length}.");
            }

            chunk[..wanted].CopyTo(der.AsMemory(received));
            received += wanted;
        }

        return der;
    }

    private ReadOnlyMemory<byte> ReadChunk(string what, int offset, int ne, CancellationToken cancellationToken)
    {
        var response = _channel.TransmitChecked(ReadBinaryCommand.Create(offset, ne), cancellationToken);
        if (response.IsSuccess)
        {
            return response.Data;
        }

        if (response.StatusWord == StatusWord.WrongParameters)
        {
            throw new CardProtocolException($"{what}: the card reports the end of the file (6B00) at offset {offset}, before the end its DER header claims.");
        }

        throw UnexpectedStatus.For($"READ BINARY of {what} at offset {offset}", response.StatusWord);
    }

    private static int TotalLength(string what, ReadOnlySpan<byte> prefix)
    {
        BerTlvHeader header;
        try
        {
            header = BerTlvHeader.Read(prefix);
        }
        catch (BerTlvException exception)
        {
            throw new CardProtocolException($"{what}: the file does not start with a DER header ({exception.Message})", exception);
        }

        if (header.Tag != SequenceTag)
        {
            throw new CardProtocolException($"{what}: the file starts with tag {header.Tag:X2}, not a DER SEQUENCE (30).");
        }

        if (header.TotalLength > MaxTotalLength)
        {
            throw new CardProtocolException($"{what}: the DER claims {header.TotalLength} bytes, more than a READ BINARY offset can reach ({MaxTotalLength}).");
        }

        return (int)header.TotalLength;
    }
}
