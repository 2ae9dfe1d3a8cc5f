using CsCheck;
using OnshiDevice.Cards.CardFace;
using OnshiDevice.Cards.Errors;
using static OnshiDevice.UnitTests.Cards.CardFace.CardFaceFixture;

namespace OnshiDevice.UnitTests.Cards.CardFace;

public sealed class CardFaceFileParserTests
{
    [Fact]
    public void A_valid_file_keeps_the_photo_and_the_key_and_verifies_with_the_issuer_key()
    {
        using var issuer = Rsa(PublicOf(IssuerKey));
        using var other = Rsa(PublicOf(OtherIssuerKey));
        using var face = CardFaceFileParser.Parse(ValidFile());

        Assert.Equal(Photo, face.Photo.ToArray());
        Assert.Equal(ApKey.Modulus.ToByteArrayUnsigned(), face.PublicKey.Modulus.ToArray());
        Assert.Equal(ApKey.PublicExponent.ToByteArrayUnsigned(), face.PublicKey.Exponent.ToArray());
        Assert.True(face.IsSignedBy(issuer));
        Assert.False(face.IsSignedBy(other));
    }

    [Fact]
    public void A_card_face_signed_by_another_key_does_not_verify()
    {
        using var issuer = Rsa(PublicOf(IssuerKey));
        using var face = CardFaceFileParser.Parse(ValidFile(OtherIssuerKey));

        Assert.False(face.IsSignedBy(issuer));
    }

    [Fact]
    public void A_changed_birth_date_breaks_the_signature()
    {
        using var issuer = Rsa(PublicOf(IssuerKey));
        var file = ValidFile();
        var birthDate = file.AsSpan().IndexOf("19800217"u8);
        file[birthDate + 3] = (byte)'1';
        using var face = CardFaceFileParser.Parse(file);

        Assert.False(face.IsSignedBy(issuer));
    }

    [Fact]
    public void The_whole_input_is_wiped_whether_it_parses_or_not()
    {
        var file = ValidFile();
        using (CardFaceFileParser.Parse(file))
        {
            Assert.All(file, b => Assert.Equal(0, b));
        }

        var broken = ValidFile()[..100];
        Assert.Throws<CardProtocolException>(() => CardFaceFileParser.Parse(broken));
        Assert.All(broken, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Disposing_wipes_the_photo()
    {
        var face = CardFaceFileParser.Parse(ValidFile());
        var photo = face.Photo;
        face.Dispose();

        Assert.All(photo.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_file_without_the_photo_is_a_protocol_error_naming_the_tag()
    {
        var file = WithTagRenamed(ValidFile(), CardFaceFileParser.PhotoTag, 0xDF3F);

        var exception = Assert.Throws<CardProtocolException>(() => CardFaceFileParser.Parse(file));
        Assert.Contains("DF27", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_field_is_a_protocol_error()
    {
        var file = WithTagRenamed(ValidFile(), CardFaceFileParser.NameImageTag, CardFaceFileParser.AddressImageTag);

        Assert.Throws<CardProtocolException>(() => CardFaceFileParser.Parse(file));
    }

    [Fact]
    public void An_outer_length_past_the_file_is_a_protocol_error()
    {
        var file = ValidFile();
        file[3]++;

        Assert.Throws<CardProtocolException>(() => CardFaceFileParser.Parse(file));
    }

    [Fact]
    public void Filler_after_the_card_face_is_ignored()
    {
        byte[] file = [.. ValidFile(), .. Enumerable.Repeat((byte)0xFF, 64)];
        using var face = CardFaceFileParser.Parse(file);

        Assert.Equal(Photo, face.Photo.ToArray());
    }

    [Fact]
    public void Random_bytes_parse_or_give_a_protocol_error() =>
        Gen.OneOf(
                Gen.Byte.Array[0, 600],
                Gen.Byte.Array[0, 600].Select(rest => new byte[] { 0xFF, 0x20, 0x82, (byte)(rest.Length >> 8), (byte)rest.Length }.Concat(rest).ToArray()),
                Gen.Byte.Array[0, 600].Select(rest => new byte[] { 0xFF, 0x20, 0x82, 0x01, 0x00, 0xDF, 0x27 }.Concat(rest).ToArray()))
            .Sample(bytes => ParsesOrRefuses(bytes));

    [Fact]
    public void A_valid_file_cut_or_damaged_anywhere_parses_or_gives_a_protocol_error()
    {
        var valid = ValidFile();
        Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((cut, position, value) =>
        {
            var damaged = valid.ToArray();
            damaged[position] = value;
            ParsesOrRefuses(valid[..cut]);
            ParsesOrRefuses(damaged);
        });
    }

    [Fact]
    public void A_valid_file_always_survives() =>
        Gen.Byte.Array[0, 40].Sample(filler =>
        {
            using var face = CardFaceFileParser.Parse([.. ValidFile(), .. filler]);
            Assert.Equal(Photo, face.Photo.ToArray());
        }, iter: 20);

    private static void ParsesOrRefuses(byte[] bytes)
    {
        try
        {
            CardFaceFileParser.Parse(bytes).Dispose();
        }
        catch (CardProtocolException)
        {
            // The one allowed failure.
        }
    }

    // Rewrites the first occurrence of a field's two-byte tag at a field boundary, keeping every length.
    private static byte[] WithTagRenamed(byte[] file, int tag, int newTag)
    {
        var offsets = file.AsSpan(8, 18);
        var index = tag switch
        {
            CardFaceFileParser.NameImageTag => 3,
            CardFaceFileParser.PhotoTag => 5,
            _ => throw new ArgumentOutOfRangeException(nameof(tag)),
        };
        var at = (offsets[2 * index] << 8) | offsets[(2 * index) + 1];
        Assert.Equal((byte)(tag >> 8), file[at]);
        Assert.Equal((byte)tag, file[at + 1]);
        file[at] = (byte)(newTag >> 8);
        file[at + 1] = (byte)newTag;
        return file;
    }
}
