using System.Text;
using CsCheck;
using OnshiDevice.PcSc;
using OnshiDevice.PcSc.Interop;

namespace OnshiDevice.UnitTests.PcSc;

public class InteropHelpersTests
{
    [Fact]
    public void Event_counter_travels_in_the_upper_16_bits()
    {
        var query = new ReaderStateQuery("r");

        ReaderStateBits.Split(0x0005_0122, query);

        Assert.Equal(ReaderStatus.Present | ReaderStatus.Changed | ReaderStatus.InUse, query.EventState);
        Assert.Equal(5, query.EventCount);
        Assert.Equal(0x0005_0020u, ReaderStateBits.Combine(ReaderStatus.Present, 5));
    }

    [Fact]
    public void Split_ignores_bits_above_32_from_a_64_bit_dword()
    {
        var query = new ReaderStateQuery("r");

        ReaderStateBits.Split(0xFFFF_FFFF_0003_0010, query);

        Assert.Equal(ReaderStatus.Empty, query.EventState);
        Assert.Equal(3, query.EventCount);
    }

    [Fact]
    public void Native_results_keep_the_low_32_bits()
    {
        Assert.Equal(PcscErrorCode.NoReadersAvailable, ReaderStateBits.ToErrorCode(0x8010002E));
        Assert.Equal(PcscErrorCode.Timeout, ReaderStateBits.ToErrorCode(unchecked((int)0x8010000A)));
    }

    [Fact]
    public void Infinite_timeout_is_0xFFFFFFFF()
    {
        Assert.Equal(0xFFFFFFFFu, NativeLimits.ToNativeTimeout(-1));
        Assert.Equal(250u, NativeLimits.ToNativeTimeout(250));
    }

    [Fact]
    public void Utf8_multi_string_splits_on_nul_and_stops_at_the_empty_name()
    {
        var bytes = Encoding.UTF8.GetBytes("Virtual PCD 00 00\0リーダー 01\0\0garbage");

        Assert.Equal(["Virtual PCD 00 00", "リーダー 01"], MultiString.ParseUtf8(bytes));
    }

    [Fact]
    public void Utf16_multi_string_splits_on_nul()
    {
        Assert.Equal(["A", "B"], MultiString.ParseUtf16("A\0B\0\0"));
        Assert.Empty(MultiString.ParseUtf16("\0"));
        Assert.Empty(MultiString.ParseUtf16(""));
    }

    [Fact]
    public void Multi_string_round_trips_and_never_throws_on_any_bytes()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var names = MultiString.ParseUtf8(bytes);
            Assert.All(names, name => Assert.NotEmpty(name));
        });

        Gen.String[Gen.Char.AlphaNumeric, 1, 20].List[0, 5].Sample(names =>
        {
            var joined = string.Concat(names.Select(name => name + "\0")) + "\0";
            Assert.Equal(names, MultiString.ParseUtf8(Encoding.UTF8.GetBytes(joined)));
        });
    }
}
