using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Iso7816;
using static OnshiDevice.UnitTests.Cards.Hpki.HpkiApdus;

namespace OnshiDevice.UnitTests.Cards.Hpki;

public sealed class HpkiReadCertificateTests
{
    private const string ReadExtended = "00 B0 00 00 00 00 00";

    [Theory]
    [InlineData(HpkiApplication.Signing, SelectHpkiSigning)]
    [InlineData(HpkiApplication.Authentication, SelectHpkiAuthentication)]
    public void One_extended_read_of_EF_0016_without_a_PIN_returns_the_DER_without_filler(HpkiApplication application, string select)
    {
        var der = FileCard.DerLike(1300);
        var card = new ScriptedApduChannel()
            .Expect(select, Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect(ReadExtended, Hex(der) + "FFFFFFFF" + Ok);

        Assert.Equal(der, HpkiCard.Open(card, application).ReadCertificate());
        card.AssertFinished();
    }

    [Fact]
    public void A_short_only_reader_reads_256_byte_blocks_with_P1_as_the_block_index()
    {
        // 1100 bytes: blocks at 0, 256, 512, 768 and the last 76 (4C) bytes at 1024, like the reference's block reads.
        var der = FileCard.DerLike(1100);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok)
            .Expect("00 B0 01 00 00", Hex(der.AsSpan(256, 256)) + Ok)
            .Expect("00 B0 02 00 00", Hex(der.AsSpan(512, 256)) + Ok)
            .Expect("00 B0 03 00 00", Hex(der.AsSpan(768, 256)) + Ok)
            .Expect("00 B0 04 00 4C", Hex(der.AsSpan(1024, 76)) + Ok);

        Assert.Equal(der, HpkiCard.Open(card, HpkiApplication.Signing).ReadCertificate());
        card.AssertFinished();
    }

    [Fact]
    public void An_extended_read_refused_with_6700_falls_back_to_short_blocks_and_stays_short()
    {
        var der = FileCard.DerLike(300);
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect(ReadExtended, "6700")
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok)
            .Expect("00 B0 01 00 2C", Hex(der.AsSpan(256, 44)) + Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok)
            .Expect("00 B0 01 00 2C", Hex(der.AsSpan(256, 44)) + Ok);
        var hpkiCard = HpkiCard.Open(card, HpkiApplication.Signing);

        Assert.Equal(der, hpkiCard.ReadCertificate());
        Assert.Equal(der, hpkiCard.ReadCertificate());
        card.AssertFinished();
    }

    [Fact]
    public void A_DER_header_claiming_more_than_the_file_holds_is_a_protocol_error()
    {
        var der = FileCard.DerLike(2000);
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect(ReadExtended, Hex(der.AsSpan(0, 600)) + Ok);

        Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).ReadCertificate());
        card.AssertFinished();
    }

    [Fact]
    public void A_file_that_ends_before_its_DER_header_says_is_a_protocol_error_on_a_short_reader()
    {
        var der = FileCard.DerLike(1000);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok)
            .Expect("00 B0 01 00 00", "6B00");

        Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).ReadCertificate());
        card.AssertFinished();
    }

    [Theory]
    [InlineData("04 82 01 00")]
    [InlineData("30 80 00 00")]
    [InlineData("30 84 7F FF FF FF")]
    [InlineData("30 82 80 00")]
    [InlineData("30")]
    [InlineData("")]
    public void A_file_that_is_not_a_bounded_DER_SEQUENCE_is_a_protocol_error(string content)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect(ReadExtended, content + Ok);

        Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).ReadCertificate());
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6A82")]
    [InlineData("6986")]
    public void A_certificate_EF_that_cannot_be_selected_is_a_protocol_error(string statusWord)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiAuthentication, Ok)
            .Expect(SelectCertificateEf, statusWord);

        var exception = Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Authentication).ReadCertificate());

        Assert.Contains(statusWord, exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void Endless_61xx_ends_in_a_malformed_response_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectCertificateEf, Ok)
            .Expect(ReadExtended, "AA 61 01");
        for (var round = 0; round < ResponseChainingChannel.MaxGetResponseRounds; round++)
        {
            card.Expect("00 C0 00 00 01", "AA 61 01");
        }

        Assert.Throws<MalformedResponseException>(() => HpkiCard.Open(card, HpkiApplication.Signing).ReadCertificate());
        card.AssertFinished();
    }
}
