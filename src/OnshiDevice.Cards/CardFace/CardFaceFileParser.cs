using System.Security.Cryptography;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// Parses EF 0002 (FF 20 { DF21 offsets · DF22 birth date · DF23 sex · DF24 key · DF25 name image · DF26 address image ·
/// DF27 photo · DF28 signature · DF29 expiry · DF2A security-code image }) and keeps only DF27, DF24 and DF28 with the
/// three hashes the signature covers. The hashes are computed while walking the file, and the whole input, every fact
/// about the holder in it, is wiped before the parser returns, whatever happens. Bad card data is a
/// <see cref="CardProtocolException"/>; the messages name tags and lengths, never content.
/// </summary>
public static class CardFaceFileParser
{
    public const int OuterTag = 0xFF20;
    public const int BirthDateTag = 0xDF22;
    public const int SexTag = 0xDF23;
    public const int PublicKeyTag = 0xDF24;
    public const int NameImageTag = 0xDF25;
    public const int AddressImageTag = 0xDF26;
    public const int PhotoTag = 0xDF27;
    public const int SignatureTag = 0xDF28;

    private const int ExponentTag = 0x90;
    private const int ModulusTag = 0x91;

    private static readonly int[] SignedTags = [BirthDateTag, SexTag, PublicKeyTag, NameImageTag, AddressImageTag, PhotoTag];

    /// <summary>Parses and wipes <paramref name="file"/> (the file as read, filler after the outer TLV allowed).</summary>
    public static CardFaceFile Parse(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return ParseKept(file);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(file);
        }
    }

    private static CardFaceFile ParseKept(ReadOnlySpan<byte> file)
    {
        var outer = ReadHeader(file, "the card-face file");
        if (outer.Tag != OuterTag)
        {
            throw new CardProtocolException($"Card face: the file starts with tag {outer.Tag:X}, not {OuterTag:X}.");
        }

        if (outer.TotalLength > file.Length)
        {
            throw new CardProtocolException($"Card face: the outer TLV claims {outer.TotalLength} bytes, the file has {file.Length}.");
        }

        var value = file.Slice(outer.HeaderLength, outer.Length);
        var fields = new Range?[SignedTags.Length + 1];
        var offset = 0;
        while (offset < value.Length)
        {
            var header = ReadHeader(value[offset..], "a card-face field");
            if (header.TotalLength > value.Length - offset)
            {
                throw new CardProtocolException($"Card face: field {header.Tag:X} claims {header.TotalLength} bytes, past the end of the card face.");
            }

            var slot = SlotOf(header.Tag);
            if (slot >= 0)
            {
                if (fields[slot] is not null)
                {
                    throw new CardProtocolException($"Card face: field {header.Tag:X} occurs twice.");
                }

                fields[slot] = new Range(offset, offset + (int)header.TotalLength);
            }

            offset += (int)header.TotalLength;
        }

        var hashes = new byte[3 * SHA256.HashSizeInBytes];
        HashFields(value, fields, hashes.AsSpan(0, SHA256.HashSizeInBytes), 0, 1, 2);
        HashFields(value, fields, hashes.AsSpan(SHA256.HashSizeInBytes, SHA256.HashSizeInBytes), 3, 4);
        HashFields(value, fields, hashes.AsSpan(2 * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes), 5);

        var publicKey = ReadPublicKey(ValueOf(value, fields, 2));
        var signature = ValueOf(value, fields, SignedTags.Length).ToArray();
        var photo = ValueOf(value, fields, 5);
        if (photo.IsEmpty)
        {
            throw new CardProtocolException("Card face: the photo (DF27) is empty.");
        }

        return new CardFaceFile(photo.ToArray(), publicKey, hashes, signature);
    }

    private static int SlotOf(int tag) => tag == SignatureTag ? SignedTags.Length : Array.IndexOf(SignedTags, tag);

    private static int TagOfSlot(int slot) => slot == SignedTags.Length ? SignatureTag : SignedTags[slot];

    private static Range Required(Range?[] fields, int slot) =>
        fields[slot] ?? throw new CardProtocolException($"Card face: field {TagOfSlot(slot):X} is missing.");

    private static void HashFields(ReadOnlySpan<byte> value, Range?[] fields, Span<byte> destination, params ReadOnlySpan<int> slots)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var slot in slots)
        {
            hash.AppendData(value[Required(fields, slot)]);
        }

        hash.GetHashAndReset(destination);
    }

    private static ReadOnlySpan<byte> ValueOf(ReadOnlySpan<byte> value, Range?[] fields, int slot)
    {
        var tlv = value[Required(fields, slot)];
        return tlv[BerTlvHeader.Read(tlv).HeaderLength..];
    }

    private static CardFacePublicKey ReadPublicKey(ReadOnlySpan<byte> key)
    {
        ReadOnlySpan<byte> exponent = default;
        ReadOnlySpan<byte> modulus = default;
        var offset = 0;
        while (offset < key.Length)
        {
            var header = ReadHeader(key[offset..], "a public-key field");
            if (header.TotalLength > key.Length - offset)
            {
                throw new CardProtocolException($"Card face: public-key field {header.Tag:X} claims {header.TotalLength} bytes, past the end of DF24.");
            }

            var field = key.Slice(offset + header.HeaderLength, header.Length);
            if (header.Tag == ExponentTag)
            {
                exponent = field;
            }
            else if (header.Tag == ModulusTag)
            {
                modulus = field;
            }

            offset += (int)header.TotalLength;
        }

        if (exponent.IsEmpty || modulus.IsEmpty)
        {
            throw new CardProtocolException("Card face: the public key (DF24) lacks its exponent (90) or modulus (91).");
        }

        return new CardFacePublicKey(exponent, modulus);
    }

    private static BerTlvHeader ReadHeader(ReadOnlySpan<byte> source, string what)
    {
        try
        {
            return BerTlvHeader.Read(source);
        }
        catch (BerTlvException exception)
        {
            throw new CardProtocolException($"Card face: {what} has a broken header ({exception.Message})", exception);
        }
    }
}
