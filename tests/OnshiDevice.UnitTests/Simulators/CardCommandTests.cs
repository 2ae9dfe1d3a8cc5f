using CsCheck;
using OnshiDevice.Simulators;

namespace OnshiDevice.UnitTests.Simulators;

/// <summary>The simulators' own APDU parser: every ISO 7816-3 case, short and extended, parses back to what was encoded.</summary>
public sealed class CardCommandTests
{
    private static byte[] Encode(byte[] header, byte[] data, int? ne, bool extended)
    {
        var bytes = new List<byte>(header);
        if (extended)
        {
            if (data.Length > 0)
            {
                bytes.AddRange([0x00, (byte)(data.Length >> 8), (byte)data.Length]);
                bytes.AddRange(data);
            }

            if (ne is { } le)
            {
                if (data.Length == 0)
                {
                    bytes.Add(0x00);
                }

                bytes.AddRange([(byte)(le == 65536 ? 0 : le >> 8), (byte)(le == 65536 ? 0 : le)]);
            }
        }
        else
        {
            if (data.Length > 0)
            {
                bytes.Add((byte)data.Length);
                bytes.AddRange(data);
            }

            if (ne is { } le)
            {
                bytes.Add((byte)(le == 256 ? 0 : le));
            }
        }

        return [.. bytes];
    }

    [Fact]
    public void Short_apdus_round_trip()
    {
        Gen.Select(Gen.Byte.Array[4], Gen.Byte.Array[0, 255], Gen.Int[0, 256]).Sample((header, data, le) =>
        {
            int? ne = le == 0 ? null : le;
            Assert.True(CardCommand.TryParse(Encode(header, data, ne, extended: false), out var command));
            Assert.Equal(header, new[] { command.Cla, command.Ins, command.P1, command.P2 });
            Assert.Equal(data, command.Data.ToArray());
            Assert.Equal(ne, command.Ne);
            Assert.False(command.IsExtended);
        });
    }

    [Fact]
    public void Extended_apdus_round_trip()
    {
        Gen.Select(Gen.Byte.Array[4], Gen.Byte.Array[0, 600], Gen.Int[0, 65536]).Sample((header, data, le) =>
        {
            int? ne = le == 0 ? null : le;
            if (data.Length == 0 && ne is null)
            {
                return;
            }

            Assert.True(CardCommand.TryParse(Encode(header, data, ne, extended: true), out var command));
            Assert.Equal(data, command.Data.ToArray());
            Assert.Equal(ne, command.Ne);
            Assert.True(command.IsExtended);
        });
    }

    [Fact]
    public void Any_bytes_parse_or_are_refused_without_throwing()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            if (CardCommand.TryParse(bytes, out var command))
            {
                Assert.True(bytes.Length >= 4);
                Assert.True(command.Data.Length <= bytes.Length - 4);
            }
            else
            {
                Assert.True(bytes.Length < 4 || bytes.Length > 5);
            }
        });
    }

    [Theory]
    [InlineData("00B0")]
    [InlineData("00A4040C05D392")]
    [InlineData("00B000000001")]
    [InlineData("002000800000")]
    [InlineData("00200080000004313233")]
    [InlineData("00A4040C02000A0000")]
    public void Lengths_that_fit_no_case_are_refused(string hex)
    {
        Assert.False(CardCommand.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Short_le_zero_means_256_and_extended_le_zero_means_65536()
    {
        Assert.True(CardCommand.TryParse(Convert.FromHexString("00B0000000"), out var shortCommand));
        Assert.Equal(256, shortCommand.Ne);
        Assert.True(CardCommand.TryParse(Convert.FromHexString("00B00000000000"), out var extendedCommand));
        Assert.Equal(65536, extendedCommand.Ne);
    }
}
