using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Iso7816;
using static OnshiDevice.UnitTests.Cards.JpkiApdus;

namespace OnshiDevice.UnitTests.Cards;

public sealed class ReadCertificateTests
{
    public static TheoryData<JpkiCertificateKind, ushort> Kinds => new()
    {
        { JpkiCertificateKind.Auth, 0x000A },
        { JpkiCertificateKind.AuthCa, 0x000B },
        { JpkiCertificateKind.Signing, 0x0001 },
        { JpkiCertificateKind.SigningCa, 0x0002 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_certificate_kind_selects_its_own_EF(JpkiCertificateKind kind, ushort fileId)
    {
        var der = FileCard.DerLike(1200);
        var card = NewFileCard(supportsExtendedLength: true).WithFile(fileId, der);
        var myNumberCard = MyNumberCard.Open(card);

        var certificate = myNumberCard.ReadCertificate(kind);

        Assert.Equal(der, certificate);
        Assert.Equal(Normalize($"00 A4 02 0C 02 {fileId >> 8:X2} {fileId & 0xFF:X2}"), card.Sent[1]);
    }

    [Theory]
    [InlineData(1200)]
    [InlineData(1536)]
    [InlineData(2048)]
    [InlineData(300)]
    public void Extended_length_reads_the_whole_certificate_with_one_READ_BINARY(int length)
    {
        var der = FileCard.DerLike(length);
        var card = NewFileCard(supportsExtendedLength: true).WithFile(0x000A, der);
        var myNumberCard = MyNumberCard.Open(card);
        var afterOpen = card.ApduCount;

        var certificate = myNumberCard.ReadCertificate(JpkiCertificateKind.Auth);

        Assert.Equal(der, certificate);
        Assert.Equal(2, card.ApduCount - afterOpen);
        Assert.Equal([Normalize(SelectAuthCert), Normalize(ReadExtended)], card.Sent[afterOpen..]);
    }

    [Theory]
    [InlineData(1200)]
    [InlineData(1536)]
    [InlineData(2048)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(100)]
    public void Short_length_reads_256_byte_chunks_and_the_exact_rest(int length)
    {
        var der = FileCard.DerLike(length);
        var card = NewFileCard(supportsExtendedLength: false).WithFile(0x000A, der);
        var myNumberCard = MyNumberCard.Open(card);
        var afterOpen = card.ApduCount;

        var certificate = myNumberCard.ReadCertificate(JpkiCertificateKind.Auth);

        Assert.Equal(der, certificate);
        var reads = (length + 255) / 256;
        Assert.Equal(1 + reads, card.ApduCount - afterOpen);
        var expected = new List<string> { Normalize(SelectAuthCert), Normalize(ReadShort(0, 256)) };
        for (var offset = 256; offset < length; offset += 256)
        {
            expected.Add(Normalize(ReadShort(offset, Math.Min(256, length - offset))));
        }

        Assert.Equal(expected, card.Sent[afterOpen..]);
    }

    [Fact]
    public void The_1200_byte_short_read_sends_exactly_these_APDUs()
    {
        var der = FileCard.DerLike(1200);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthCert, Ok)
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok)
            .Expect("00 B0 01 00 00", Hex(der.AsSpan(256, 256)) + Ok)
            .Expect("00 B0 02 00 00", Hex(der.AsSpan(512, 256)) + Ok)
            .Expect("00 B0 03 00 00", Hex(der.AsSpan(768, 256)) + Ok)
            .Expect("00 B0 04 00 B0", Hex(der.AsSpan(1024, 176)) + Ok);

        var certificate = MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth);

        Assert.Equal(der, certificate);
        card.AssertFinished();
    }

    [Fact]
    public void A_card_that_refuses_extended_Le_with_6700_is_read_short_and_not_asked_again()
    {
        var der = FileCard.DerLike(1536);
        var card = NewFileCard(supportsExtendedLength: true, cardAcceptsExtendedLe: false)
            .WithFile(0x000A, der)
            .WithFile(0x000B, der);
        var myNumberCard = MyNumberCard.Open(card);
        var afterOpen = card.ApduCount;

        Assert.Equal(der, myNumberCard.ReadCertificate(JpkiCertificateKind.Auth));
        Assert.Equal(1 + 1 + 6, card.ApduCount - afterOpen);
        Assert.Equal(Normalize(ReadExtended), card.Sent[afterOpen + 1]);

        var beforeSecond = card.ApduCount;
        Assert.Equal(der, myNumberCard.ReadCertificate(JpkiCertificateKind.AuthCa));
        Assert.Equal(1 + 6, card.ApduCount - beforeSecond);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Filler_after_the_DER_is_trimmed(bool extended)
    {
        var der = FileCard.DerLike(1200);
        var file = der.Concat(Enumerable.Repeat((byte)0xFF, 300)).ToArray();
        var card = NewFileCard(extended).WithFile(0x000A, file);

        var certificate = MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth);

        Assert.Equal(der, certificate);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_signing_certificate_without_the_password_is_a_security_status_error(bool extended)
    {
        var card = NewFileCard(extended).WithFile(0x0001, FileCard.DerLike(1200), needsPin: true);

        Assert.Throws<SecurityStatusNotSatisfiedException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Signing));
    }

    [Theory]
    [InlineData(true, 1000)]
    [InlineData(false, 1000)]
    [InlineData(false, 1024)]
    [InlineData(false, 200)]
    public void A_DER_length_larger_than_the_file_is_a_protocol_error(bool extended, int fileLength)
    {
        var file = FileCard.DerLike(2000)[..fileLength];
        var card = NewFileCard(extended).WithFile(0x000A, file);

        Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));
    }

    [Theory]
    [InlineData(true, "30 82 04")]
    [InlineData(false, "30 82 04")]
    [InlineData(false, "30")]
    [InlineData(true, "31 82 04 AC 00 00")]
    [InlineData(false, "04 82 04 AC 00 00")]
    [InlineData(true, "30 80 00 00")]
    [InlineData(false, "30 82 7F FF 00 00")]
    [InlineData(true, "30 84 7F FF FF FF 00 00")]
    [InlineData(true, "30 85 00 00 00 00 01 00")]
    public void A_file_that_does_not_start_with_a_DER_SEQUENCE_header_is_a_protocol_error(bool extended, string prefix)
    {
        var card = NewFileCard(extended).WithFile(0x000A, Convert.FromHexString(prefix.Replace(" ", string.Empty, StringComparison.Ordinal)));

        Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));
    }

    [Fact]
    public void The_largest_DER_that_15_bit_offsets_reach_is_read()
    {
        var der = FileCard.DerLike(0x7FFF);
        var card = NewFileCard(supportsExtendedLength: false).WithFile(0x000A, der);

        Assert.Equal(der, MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));
    }

    [Fact]
    public void A_6B00_before_the_claimed_end_is_a_protocol_error()
    {
        var der = FileCard.DerLike(600);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthCert, Ok)
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok)
            .Expect("00 B0 01 00 00", "6B00");

        var exception = Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));

        Assert.Contains("6B00", exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void A_short_chunk_before_the_claimed_end_is_a_protocol_error()
    {
        var der = FileCard.DerLike(600);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthCert, Ok)
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok)
            .Expect("00 B0 01 00 00", Hex(der.AsSpan(256, 100)) + Ok);

        Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6F00")]
    [InlineData("6A82")]
    [InlineData("6986")]
    public void An_unexpected_status_word_on_READ_BINARY_is_a_protocol_error_naming_it(string statusWord)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthCert, Ok)
            .Expect(ReadExtended, statusWord);

        var exception = Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));

        Assert.Contains(statusWord, exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void A_missing_certificate_EF_is_a_protocol_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectSigningCert, "6A82");

        var exception = Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Signing));

        Assert.Contains("6A82", exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void Endless_61xx_ends_in_a_malformed_response_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthCert, Ok)
            .Expect(ReadExtended, "AA 61 01");
        for (var round = 0; round < ResponseChainingChannel.MaxGetResponseRounds; round++)
        {
            card.Expect("00 C0 00 00 01", "AA 61 01");
        }

        Assert.Throws<MalformedResponseException>(() => MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));
        card.AssertFinished();
    }

    [Fact]
    public void A_chained_extended_response_is_assembled()
    {
        var der = FileCard.DerLike(600);
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthCert, Ok)
            .Expect(ReadExtended, Hex(der.AsSpan(0, 256)) + "6100")
            .Expect("00 C0 00 00 00", Hex(der.AsSpan(256, 256)) + "6158")
            .Expect("00 C0 00 00 58", Hex(der.AsSpan(512, 88)) + Ok);

        Assert.Equal(der, MyNumberCard.Open(card).ReadCertificate(JpkiCertificateKind.Auth));
        card.AssertFinished();
    }

    [Fact]
    public void Cancellation_between_APDUs_stops_the_read()
    {
        using var cancellation = new CancellationTokenSource();
        var der = FileCard.DerLike(1200);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthCert, Ok)
            .Expect("00 B0 00 00 00", Hex(der.AsSpan(0, 256)) + Ok);
        var myNumberCard = MyNumberCard.Open(card);
        card.AfterTransmit = () =>
        {
            if (card.Sent.Count == 3)
            {
                cancellation.Cancel();
            }
        };

        Assert.Throws<OperationCanceledException>(() => myNumberCard.ReadCertificate(JpkiCertificateKind.Auth, cancellation.Token));
        card.AssertFinished();
    }

    private static FileCard NewFileCard(bool supportsExtendedLength, bool cardAcceptsExtendedLe = true) =>
        new(supportsExtendedLength, cardAcceptsExtendedLe);

    private static string Normalize(string hex) => hex.Replace(" ", string.Empty, StringComparison.Ordinal);
}
