using CsCheck;
using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

public class ReaderFeaturesTests
{
    [Fact]
    public void Finds_a_feature_control_code_big_endian()
    {
        byte[] features = [0x06, 0x04, 0x42, 0x33, 0x00, 0x06, 0x12, 0x04, 0x42, 0x33, 0x00, 0x12];

        Assert.True(ReaderFeatures.TryFindFeature(features, ReaderFeatures.GetTlvPropertiesFeature, out var code));
        Assert.Equal(0x42330012u, code);
    }

    [Fact]
    public void A_missing_or_truncated_feature_is_not_found()
    {
        Assert.False(ReaderFeatures.TryFindFeature([0x06, 0x04, 0x42, 0x33, 0x00, 0x06], 0x12, out _));
        Assert.False(ReaderFeatures.TryFindFeature([0x12, 0x04, 0x42, 0x33], 0x12, out _));
        Assert.False(ReaderFeatures.TryFindFeature([0x12, 0x02, 0x42, 0x33], 0x12, out _));
        Assert.False(ReaderFeatures.TryFindFeature([], 0x12, out _));
    }

    [Fact]
    public void Finds_the_max_apdu_size_property_little_endian()
    {
        byte[] properties = [0x01, 0x02, 0x00, 0x00, 0x0A, 0x04, 0x00, 0x00, 0x01, 0x00, 0x0B, 0x02, 0xE6, 0x08];

        Assert.True(ReaderFeatures.TryFindProperty(properties, ReaderFeatures.MaxApduDataSizeProperty, out var size));
        Assert.Equal(0x10000u, size);
        Assert.True(ReaderFeatures.TryFindProperty(properties, 0x0B, out var vendor));
        Assert.Equal(0x08E6u, vendor);
    }

    [Fact]
    public void A_property_with_an_odd_length_or_past_the_end_is_not_found()
    {
        Assert.False(ReaderFeatures.TryFindProperty([0x0A, 0x03, 0x00, 0x01, 0x00], 0x0A, out _));
        Assert.False(ReaderFeatures.TryFindProperty([0x0A, 0x04, 0x00, 0x01], 0x0A, out _));
    }

    [Fact]
    public void Parsers_never_throw_on_any_bytes()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            _ = ReaderFeatures.TryFindFeature(bytes, 0x12, out _);
            _ = ReaderFeatures.TryFindProperty(bytes, 0x0A, out _);
        });
    }
}
