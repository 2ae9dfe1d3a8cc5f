using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards;

/// <summary>
/// Reads one DER SEQUENCE (a certificate) from the current EF with as few READ BINARY commands as
/// the channel allows: the first read asks for as much as one response may carry (everything, in one
/// extended READ BINARY, where the reader allows it), its DER header gives the length, and the rest
/// follows in reads of that size. The card must deliver exactly what the DER header claims; filler
/// after the DER is dropped. Whether a read goes extended or short is the channel's business.
/// </summary>
internal sealed class DerFileReader
{
    private const byte SequenceTag = 0x30;

    private readonly IApduChannel _channel;

    public DerFileReader(IApduChannel channel)
    {
        _channel = channel;
    }

    /// <summary>The largest DER object a 15-bit READ BINARY offset can reach.</summary>
    public static int MaxTotalLength => ReadBinaryCommand.MaxOffset;

    public byte[] Read(string what, CancellationToken cancellationToken) => Read(what, SequenceTag, cancellationToken);

    /// <summary>The same for a file holding one BER-TLV object of another tag (the card face's FF 20).</summary>
    public byte[] Read(string what, int expectedTag, CancellationToken cancellationToken)
    {
        var first = ReadChunk(what, 0, _channel.Limits.MaxResponseData, out var firstExpected, cancellationToken);
        var total = TotalLength(what, first.Span, expectedTag);
        var received = Math.Min(first.Length, total);
        if (received < total && first.Length < firstExpected)
        {
            throw new CardProtocolException($"{what}: the DER claims {total} bytes but the file ended after {first.Length}.");
        }

        var der = new byte[total];
        first[..received].CopyTo(der);

        // Every read but the last must get all it asked for; total ≤ 0x7FFF bounds this to 128 reads.
        while (received < total)
        {
            var wanted = Math.Min(_channel.Limits.MaxResponseData, total - received);
            var chunk = ReadChunk(what, received, wanted, out var expected, cancellationToken);
            if (chunk.Length < expected)
            {
                throw new CardProtocolException($"{what}: the DER claims {total} bytes but the file ended after {received + chunk.Length}.");
            }

            var taken = Math.Min(chunk.Length, total - received);
            chunk[..taken].CopyTo(der.AsMemory(received));
            received += taken;
        }

        return der;
    }

    /// <summary>
    /// One READ BINARY of up to <paramref name="ne"/> bytes. <paramref name="expected"/> is what a file
    /// that goes on must deliver: the channel may have read short (its limits after the exchange say so),
    /// and a shorter answer than that means the file ended.
    /// </summary>
    private ReadOnlyMemory<byte> ReadChunk(string what, int offset, int ne, out int expected, CancellationToken cancellationToken)
    {
        var response = _channel.TransmitChecked(ReadBinaryCommand.Create(offset, ne), cancellationToken);
        expected = Math.Min(ne, _channel.Limits.MaxResponseData);
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

    private static int TotalLength(string what, ReadOnlySpan<byte> prefix, int expectedTag)
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

        if (header.Tag != expectedTag)
        {
            throw new CardProtocolException($"{what}: the file starts with tag {header.Tag:X2}, not {expectedTag:X2}.");
        }

        if (header.TotalLength > MaxTotalLength)
        {
            throw new CardProtocolException($"{what}: the DER claims {header.TotalLength} bytes, more than a READ BINARY offset can reach ({MaxTotalLength}).");
        }

        return (int)header.TotalLength;
    }
}
