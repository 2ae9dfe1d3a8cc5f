using System.Security.Cryptography;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Hpki;
using static OnshiDevice.UnitTests.Cards.Hpki.HpkiApdus;

namespace OnshiDevice.UnitTests.Cards.Hpki;

public sealed class Pkcs1SignatureBlockTests
{
    [Fact]
    public void A_SHA256_DigestInfo_is_padded_to_00_01_FF_00_DigestInfo_of_256_bytes()
    {
        var digest = SHA256.HashData("x"u8);

        var block = Pkcs1SignatureBlock.Encode(DigestInfoSha256.Wrap(digest));

        Assert.Equal(PaddedBlock(digest).Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexString(block));
    }

    [Theory]
    [InlineData(0, 256)]
    [InlineData(246, 256)]
    [InlineData(51, 61)]
    public void A_DigestInfo_that_leaves_less_than_8_padding_bytes_is_refused(int digestInfoLength, int blockLength)
    {
        Assert.Throws<ArgumentException>(() => Pkcs1SignatureBlock.Encode(new byte[digestInfoLength], blockLength));
    }

    [Fact]
    public void Eight_padding_bytes_is_the_minimum()
    {
        var block = Pkcs1SignatureBlock.Encode(new byte[] { 0xAA }, 12);

        Assert.Equal("0001FFFFFFFFFFFFFFFF00AA", Convert.ToHexString(block));
    }
}
