using CsCheck;
using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Iso7816;

public sealed class BerTlvPropertyTests
{
    private static readonly Gen<byte[]> TagBytes = Gen.OneOf<byte[]>(
        Gen.Byte.Where(b => (b & 0x1F) != 0x1F).Select(b => new[] { b }),
        Gen.Select(Gen.Byte, Gen.Byte[0, 0x7F], (first, second) => new[] { (byte)(first | 0x1F), second }),
        Gen.Select(Gen.Byte, Gen.Byte[0x80, 0xFF], Gen.Byte[0, 0x7F], (first, second, third) => new[] { (byte)(first | 0x1F), second, third }));

    private static readonly Gen<(byte[] Tag, byte[] Value)> Primitive = Gen.Select(TagBytes, Gen.Byte.Array[0, 400]);

    [Fact]
    public void Random_bytes_give_objects_or_a_BER_TLV_error_only() => Gen.Byte.Array[0, 300].Sample(bytes =>
    {
        try
        {
            var total = 0;
            foreach (var tlv in BerTlvReader.ReadAll(bytes))
            {
                total += tlv.Value.Length;
                if (tlv.IsConstructed)
                {
                    Descend(tlv);
                }
            }

            Assert.True(total <= bytes.Length);
        }
        catch (BerTlvException)
        {
        }

        try
        {
            var header = BerTlvHeader.Read(bytes);
            Assert.InRange(header.HeaderLength, 1, Math.Min(bytes.Length, BerTlvHeader.MaxTagBytes + 1 + BerTlvHeader.MaxLengthBytes));
        }
        catch (BerTlvException)
        {
        }
    });

    [Fact]
    public void Generated_objects_in_any_length_form_parse_back() => Gen.Select(Primitive.List[0, 5], Gen.Int[0, 4]).Sample((objects, lengthBytes) =>
    {
        var encoded = objects.SelectMany(o => Encode(o.Tag, o.Value, lengthBytes)).ToArray();

        var parsed = BerTlvReader.ReadAll(encoded);

        Assert.Equal(objects.Count, parsed.Count);
        for (var index = 0; index < objects.Count; index++)
        {
            Assert.Equal(TagNumber(objects[index].Tag), parsed[index].Tag);
            Assert.Equal(objects[index].Value, parsed[index].Value.ToArray());
        }
    });

    [Fact]
    public void A_generated_object_cut_short_anywhere_is_a_BER_TLV_error() => Gen.Select(Primitive, Gen.Int[0, 4], Gen.Double[0, 1]).Sample((tlv, lengthBytes, cut) =>
    {
        var encoded = Encode(tlv.Tag, tlv.Value, lengthBytes);
        var truncated = encoded[..(int)(cut * (encoded.Length - 1))];

        if (truncated.Length == 0)
        {
            Assert.Empty(BerTlvReader.ReadAll(truncated));
            return;
        }

        Assert.Throws<BerTlvException>(() => BerTlvReader.ReadAll(truncated));
    });

    [Fact]
    public void A_generated_constructed_object_parses_back_with_its_children() => Primitive.List[0, 5].Sample(children =>
    {
        var content = children.SelectMany(o => Encode(o.Tag, o.Value, 0)).ToArray();
        var encoded = Encode([0x30], content, 0);

        var header = BerTlvHeader.Read(encoded.AsSpan(0, Math.Min(encoded.Length, 6)));
        Assert.Equal(encoded.Length, header.TotalLength);
        var parsed = BerTlvReader.ReadAll(encoded).Single().Children();
        Assert.Equal(children.Select(o => TagNumber(o.Tag)), parsed.Select(p => p.Tag));
    });

    private static void Descend(BerTlv tlv)
    {
        foreach (var child in tlv.Children())
        {
            if (child.IsConstructed)
            {
                Descend(child);
            }
        }
    }

    private static int TagNumber(byte[] tag) => tag.Aggregate(0, (number, b) => (number << 8) | b);

    // lengthBytes 0 = the shortest form; 1-4 = long form with that many length bytes where the length fits.
    private static byte[] Encode(byte[] tag, byte[] value, int lengthBytes)
    {
        var count = lengthBytes;
        if (count == 0)
        {
            count = value.Length < 0x80 ? 0 : value.Length <= 0xFF ? 1 : value.Length <= 0xFFFF ? 2 : 3;
        }
        else if (value.Length > 0xFF && count == 1)
        {
            count = 2;
        }

        var length = new List<byte>();
        if (count == 0)
        {
            length.Add((byte)value.Length);
        }
        else
        {
            length.Add((byte)(0x80 | count));
            for (var shift = 8 * (count - 1); shift >= 0; shift -= 8)
            {
                length.Add((byte)(value.Length >> shift));
            }
        }

        return [.. tag, .. length, .. value];
    }
}
