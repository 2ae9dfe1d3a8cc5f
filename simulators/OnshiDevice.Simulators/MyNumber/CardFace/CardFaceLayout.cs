using System.Security.Cryptography;
using OnshiDevice.Cards.CardFace;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace OnshiDevice.Simulators.MyNumber.CardFace;

/// <summary>
/// Lays out the 券面事項確認AP's EF 0002 as mynumber-card.md §6.2 shows: FF 20 { DF21 offset table (9 × u16, each
/// field's tag from the file start) · DF22 birth date · DF23 sex · DF24 AP key (90 e · 91 n) · DF25 name image ·
/// DF26 address image · DF27 photo · DF28 issuer signature over the three hashes · DF29 expiry · DF2A security-code image }.
/// </summary>
internal static class CardFaceLayout
{
    private const int OffsetTableTag = 0xDF21;
    private const int ExpiryTag = 0xDF29;
    private const int SecurityCodeImageTag = 0xDF2A;
    private const int FieldCount = 9;

    /// <param name="signWith">The issuer key DF28 is made with (a wrong one makes a card face that does not verify).</param>
    public static byte[] Build(CardFaceContent content, RsaKeyParameters apPublicKey, RsaKeyParameters signWith)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(apPublicKey);
        ArgumentNullException.ThrowIfNull(signWith);
        var publicKey = Concat(
            Tlv(0x90, apPublicKey.Exponent.ToByteArrayUnsigned()),
            Tlv(0x91, apPublicKey.Modulus.ToByteArrayUnsigned()));
        var birthDate = Tlv(CardFaceFileParser.BirthDateTag, content.BirthDate);
        var sex = Tlv(CardFaceFileParser.SexTag, content.Sex);
        var key = Tlv(CardFaceFileParser.PublicKeyTag, publicKey);
        var name = Tlv(CardFaceFileParser.NameImageTag, content.NameImage);
        var address = Tlv(CardFaceFileParser.AddressImageTag, content.AddressImage);
        var photo = Tlv(CardFaceFileParser.PhotoTag, content.Photo);
        byte[] hashes = [.. SHA256.HashData(Concat(birthDate, sex, key)), .. SHA256.HashData(Concat(name, address)), .. SHA256.HashData(photo)];
        var signature = Tlv(CardFaceFileParser.SignatureTag, Sign(CardFaceSignatureBlock.DigestInfo(hashes), signWith));
        var expiry = Tlv(ExpiryTag, content.Expiry);
        var securityCode = Tlv(SecurityCodeImageTag, content.SecurityCodeImage);

        byte[][] fields = [birthDate, sex, key, name, address, photo, signature, expiry, securityCode];
        var offsetTableLength = Tlv(OffsetTableTag, new byte[2 * FieldCount]).Length;
        var valueLength = offsetTableLength + fields.Sum(field => field.Length);
        var outerHeaderLength = Tlv(CardFaceFileParser.OuterTag, new byte[valueLength]).Length - valueLength;
        var offsets = new byte[2 * FieldCount];
        var position = outerHeaderLength + offsetTableLength;
        for (var index = 0; index < FieldCount; index++)
        {
            offsets[2 * index] = (byte)(position >> 8);
            offsets[(2 * index) + 1] = (byte)position;
            position += fields[index].Length;
        }

        return Tlv(CardFaceFileParser.OuterTag, Concat([Tlv(OffsetTableTag, offsets), .. fields]));
    }

    /// <summary>A BER-TLV with a one- or two-byte tag and the shortest length form.</summary>
    public static byte[] Tlv(int tag, ReadOnlySpan<byte> value)
    {
        var tagBytes = tag > 0xFF ? new[] { (byte)(tag >> 8), (byte)tag } : new[] { (byte)tag };
        var length = value.Length switch
        {
            < 0x80 => new[] { (byte)value.Length },
            <= 0xFF => new byte[] { 0x81, (byte)value.Length },
            _ => new byte[] { 0x82, (byte)(value.Length >> 8), (byte)value.Length },
        };
        return [.. tagBytes, .. length, .. value];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    // PKCS#1 v1.5 type-1 padding of the DigestInfo, then the private-key operation.
    private static byte[] Sign(byte[] digestInfo, RsaKeyParameters key)
    {
        var rsa = new Pkcs1Encoding(new RsaEngine());
        rsa.Init(true, key);
        return rsa.ProcessBlock(digestInfo, 0, digestInfo.Length);
    }
}
