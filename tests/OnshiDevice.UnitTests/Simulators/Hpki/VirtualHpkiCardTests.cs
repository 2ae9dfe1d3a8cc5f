using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCheck;
using OnshiDevice.Simulators.Hpki;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators.Hpki;

public sealed class VirtualHpkiCardTests
{
    private const string SigningAid = "E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 01";
    private const string AuthenticationAid = "E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 02";
    private const string SelectSigning = $"00 A4 04 00 10 {SigningAid} 00";
    private const string SelectAuthentication = $"00 A4 04 00 10 {AuthenticationAid} 00";
    private const string SelectPinEf = "00 A4 02 0C 02 00 02";
    private const string SelectKeyEf = "00 A4 02 0C 02 00 0C";
    private const string SelectCertificateEf = "00 A4 02 0C 02 00 16";
    private const string MseTag84 = "00 22 41 B6 04 84 02 00 0C";
    private const string MseTag81 = "00 22 41 B6 04 81 02 00 0C";
    private const string RetryQuery = "00 20 00 88";

    private static readonly string VerifyPin = VerifyCommand(0x88, VirtualHpkiCards.Pin);
    private static readonly string VerifyWrongPin = VerifyCommand(0x88, "0000");

    private static VirtualHpkiCard Powered(VirtualHpkiCard card)
    {
        card.Reset();
        return card;
    }

    private static byte[] DigestInfo(byte[] message) =>
        [.. Bytes("3031300D060960864801650304020105000420"), .. SHA256.HashData(message)];

    /// <summary>EMSA-PKCS1-v1_5 for a 2048-bit key, built by the host as miyako/hpki does.</summary>
    private static byte[] PaddedBlock(byte[] message)
    {
        var digestInfo = DigestInfo(message);
        var block = new byte[256];
        block[1] = 0x01;
        block.AsSpan(2, 256 - 3 - digestInfo.Length).Fill(0xFF);
        digestInfo.CopyTo(block.AsSpan(256 - digestInfo.Length));
        return block;
    }

    private static string ExtendedPso(byte[] block) => $"00 2A 9E 9A 00 01 00 {Convert.ToHexString(block)} 00 00";

    private static bool VerifiesWith(byte[] certificate, byte[] message, byte[] signature)
    {
        using var parsed = X509CertificateLoader.LoadCertificate(certificate);
        using var key = parsed.GetRSAPublicKey()!;
        return key.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static byte[] Sign(VirtualHpkiCard card, byte[] message)
    {
        var response = card.Send(ExtendedPso(PaddedBlock(message)));
        Assert.Equal("9000", StatusOf(response));
        return DataOf(response);
    }

    [Fact]
    public void Atr_carries_the_jma_historical_bytes()
    {
        var atr = VirtualHpkiCards.Doctor().Atr;
        Assert.Equal(Bytes("3B 88 80 01 00 4E 00 00 F7 81 D1 00 E0"), atr);
        // Historical bytes as miyako/hpki takes them: K = T0 & 0F bytes ending before TCK.
        Assert.Equal(Bytes("00 4E 00 00 F7 81 D1 00"), atr[^9..^1]);
        Assert.Equal(0, atr[1..].Aggregate(0, (x, b) => x ^ b));
    }

    [Fact]
    public void Select_by_aid_with_le_answers_fci_naming_the_df()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        var response = card.Send(SelectSigning);
        Assert.Equal("9000", StatusOf(response));
        Assert.Equal(Bytes($"6F 12 84 10 {SigningAid}"), DataOf(response));
        Assert.Equal(Bytes($"6F 12 84 10 {AuthenticationAid}"), DataOf(card.Send(SelectAuthentication)));
        Assert.Equal("9000", card.Sw($"00 A4 04 0C 10 {SigningAid}"));
        Assert.Empty(DataOf(card.Send($"00 A4 04 0C 10 {SigningAid}")));
    }

    [Theory]
    [InlineData("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "6A82")]
    [InlineData("00 A4 04 00 0F E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 00", "6A82")]
    [InlineData($"00 A4 04 04 10 {SigningAid}", "6A86")]
    [InlineData("00 A4 04 00", "6700")]
    [InlineData("00 A4 08 0C 02 00 16", "6A86")]
    public void Unknown_applications_and_bad_selects_answer_a_status_word(string select, string expected)
    {
        Assert.Equal(expected, Powered(VirtualHpkiCards.Doctor()).Sw(select));
    }

    [Fact]
    public void Files_are_found_only_inside_an_application()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        Assert.Equal("6A82", card.Sw(SelectCertificateEf));
        Assert.Equal("6986", card.Sw("00 B0 00 00 04"));
        card.Send(SelectSigning);
        Assert.Equal("9000", card.Sw(SelectPinEf));
        Assert.Equal("9000", card.Sw(SelectKeyEf));
        Assert.Equal("9000", card.Sw(SelectCertificateEf));
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 00 17"));
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 00 0A"));
        Assert.Equal("6700", card.Sw("00 A4 02 0C 01 16"));
        Assert.Equal("6A86", card.Sw("00 A4 02 00 02 00 16"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Certificate_reads_in_blocks_the_way_miyako_reads_it(bool signing)
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(signing ? SelectSigning : SelectAuthentication);
        card.Send(SelectCertificateEf);
        var header = card.Send("00 B0 00 00 04");
        Assert.Equal("9000", StatusOf(header));
        Assert.Equal(Bytes("30 82"), header[..2]);
        var size = ((header[2] << 8) | header[3]) + 4;

        var read = new List<byte>();
        for (var block = 0; block * 256 < size; block++)
        {
            var chunk = Math.Min(256, size - (block * 256));
            var response = card.Send($"00 B0 {block:X2} 00 {(chunk == 256 ? 0 : chunk):X2}");
            Assert.Equal("9000", StatusOf(response));
            read.AddRange(DataOf(response));
        }

        Assert.Equal(signing ? card.SigningCertificate : card.AuthenticationCertificate, read.ToArray());
        Assert.NotEqual(card.SigningCertificate, card.AuthenticationCertificate);
    }

    [Fact]
    public void Extended_le_reads_the_whole_rest_and_short_le_is_capped_at_the_end()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectSigning);
        card.Send(SelectCertificateEf);
        Assert.Equal(card.SigningCertificate, DataOf(card.Send("00 B0 00 00 00 00 00")));
        Assert.Equal(card.SigningCertificate[0x100..], DataOf(card.Send("00 B0 01 00 00 00 00")));
        var last = card.SigningCertificate.Length - 3;
        var tail = card.Send($"00 B0 {last >> 8:X2} {last & 0xFF:X2} 00");
        Assert.Equal("9000", StatusOf(tail));
        Assert.Equal(card.SigningCertificate[^3..], DataOf(tail));
    }

    [Fact]
    public void Reads_past_the_end_with_bad_parameters_or_of_secret_files_are_refused()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectSigning);
        card.Send(SelectCertificateEf);
        var end = card.SigningCertificate.Length;
        Assert.Equal("6B00", card.Sw($"00 B0 {end >> 8:X2} {end & 0xFF:X2} 01"));
        Assert.Equal("6B00", card.Sw("00 B0 7F FF 00"));
        Assert.Equal("6A86", card.Sw("00 B0 96 00 00"));
        Assert.Equal("6700", card.Sw("00 B0 00 00"));
        Assert.Equal("6700", card.Sw("00 B0 00 00 01 00 04"));
        card.Send(SelectKeyEf);
        Assert.Equal("6981", card.Sw("00 B0 00 00 00"));
        card.Send(SelectPinEf);
        Assert.Equal("6981", card.Sw("00 B0 00 00 00"));
    }

    [Fact]
    public void Certificates_read_without_any_pin()
    {
        var card = Powered(VirtualHpkiCards.OneTryFromBlocking());
        card.Send(SelectSigning);
        card.Send(SelectCertificateEf);
        Assert.Equal(card.SigningCertificate, DataOf(card.Send("00 B0 00 00 00 00 00")));
        Assert.Equal(1, card.SigningPinTriesLeft);
    }

    [Fact]
    public void Retry_query_counts_down_with_wrong_pins_and_blocking_is_permanent()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectSigning);
        Assert.Equal("63CF", card.Sw(RetryQuery));
        for (var left = 14; left >= 0; left--)
        {
            Assert.Equal($"63C{left:X}", card.Sw(VerifyWrongPin));
        }

        Assert.Equal("63C0", card.Sw(RetryQuery));
        Assert.Equal("6983", card.Sw(VerifyPin));
        Assert.Equal("6983", card.Sw(VerifyWrongPin));
        card.Reset();
        card.Send(SelectSigning);
        Assert.Equal("6983", card.Sw(VerifyPin));
        Assert.Equal(0, card.SigningPinTriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.AuthenticationPinTriesLeft);
    }

    [Fact]
    public void Correct_pin_resets_the_counter_and_counters_survive_reset()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectAuthentication);
        card.Send(VerifyWrongPin);
        card.Send(VerifyWrongPin);
        card.Reset();
        card.Send(SelectAuthentication);
        Assert.Equal("63CD", card.Sw(RetryQuery));
        Assert.Equal("9000", card.Sw(VerifyPin));
        Assert.Equal("63CF", card.Sw(RetryQuery));
    }

    [Fact]
    public void Each_application_has_its_own_pin_and_counter()
    {
        var card = Powered(VirtualHpkiCards.Custom("1111", "2222", 15, 15));
        card.Send(SelectSigning);
        Assert.Equal("63CE", card.Sw(VerifyCommand(0x88, "2222")));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x88, "1111")));
        card.Send(SelectAuthentication);
        Assert.Equal("63CE", card.Sw(VerifyCommand(0x88, "1111")));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x88, "2222")));
    }

    [Fact]
    public void Verify_with_other_references_or_outside_an_application_costs_no_try()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        Assert.Equal("6A88", card.Sw(VerifyPin));
        card.Send(SelectSigning);
        Assert.Equal("6A88", card.Sw(VerifyCommand(0x96, VirtualHpkiCards.Pin)));
        Assert.Equal("6A88", card.Sw(VerifyCommand(0x80, "0000")));
        Assert.Equal("6A86", card.Sw($"00 20 01 88 04 {Ascii("0000")}"));
        Assert.Equal("6700", card.Sw($"00 20 00 88 04 {Ascii("0000")} 00"));
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    [Fact]
    public void One_try_from_blocking_has_one_try_on_each_application()
    {
        var card = Powered(VirtualHpkiCards.OneTryFromBlocking());
        card.Send(SelectSigning);
        Assert.Equal("63C1", card.Sw(RetryQuery));
        card.Send(SelectAuthentication);
        Assert.Equal("63C1", card.Sw(RetryQuery));
        Assert.Equal("63C0", card.Sw(VerifyWrongPin));
        Assert.Equal("6983", card.Sw(VerifyPin));
    }

    [Theory]
    [InlineData(HpkiRetryCounterQuery.RejectedAsWrongLength, "6700")]
    [InlineData(HpkiRetryCounterQuery.RejectedAsIncorrectParameters, "6A86")]
    public void Card_without_retry_query_refuses_it_but_verifies_pins(HpkiRetryCounterQuery refusal, string expected)
    {
        var card = Powered(VirtualHpkiCards.WithoutRetryCounterQuery(refusal));
        card.Send(SelectSigning);
        Assert.Equal(expected, card.Sw(RetryQuery));
        Assert.Equal("63CE", card.Sw(VerifyWrongPin));
        Assert.Equal("9000", card.Sw(VerifyPin));
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    [Fact]
    public void Default_card_without_retry_query_answers_wrong_length()
    {
        var card = Powered(VirtualHpkiCards.WithoutRetryCounterQuery());
        card.Send(SelectAuthentication);
        Assert.Equal("6700", card.Sw(RetryQuery));
    }

    [Theory]
    [InlineData(true, MseTag84, true)]
    [InlineData(true, MseTag84, false)]
    [InlineData(true, MseTag81, true)]
    [InlineData(false, MseTag81, false)]
    [InlineData(false, MseTag84, true)]
    public void Signature_verifies_with_the_certificate_key_whatever_the_mse_tag_and_order(bool signing, string mse, bool mseFirst)
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        var message = "prescription 0001"u8.ToArray();
        card.Send(signing ? SelectSigning : SelectAuthentication);
        card.Send(SelectPinEf);
        card.Send(SelectKeyEf);
        Assert.Equal("9000", card.Sw(mseFirst ? mse : VerifyPin));
        Assert.Equal("9000", card.Sw(mseFirst ? VerifyPin : mse));
        var signature = Sign(card, message);
        Assert.Equal(256, signature.Length);
        Assert.True(VerifiesWith(signing ? card.SigningCertificate : card.AuthenticationCertificate, message, signature));
        Assert.False(VerifiesWith(signing ? card.AuthenticationCertificate : card.SigningCertificate, message, signature));
    }

    [Fact]
    public void Signature_input_may_come_by_command_chaining()
    {
        var card = Powered(VirtualHpkiCards.Pharmacist());
        var message = "dispensed 0002"u8.ToArray();
        var block = Convert.ToHexString(PaddedBlock(message));
        card.Send(SelectSigning);
        card.Send(MseTag84);
        card.Send(VerifyPin);
        Assert.Equal("9000", card.Sw($"10 2A 9E 9A 64 {block[..200]}"));
        Assert.Equal("9000", card.Sw($"10 2A 9E 9A 64 {block[200..400]}"));
        var response = card.Send($"00 2A 9E 9A 38 {block[400..]} 00");
        Assert.Equal("9000", StatusOf(response));
        Assert.True(VerifiesWith(card.SigningCertificate, message, DataOf(response)));
    }

    [Fact]
    public void A_chain_broken_by_another_command_is_dropped()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        var block = Convert.ToHexString(PaddedBlock([1, 2, 3]));
        card.Send(SelectAuthentication);
        card.Send(MseTag84);
        card.Send(VerifyPin);
        Assert.Equal("9000", card.Sw($"10 2A 9E 9A 80 {block[..256]}"));
        Assert.Equal("63CF", card.Sw(RetryQuery));
        Assert.Equal("6700", card.Sw($"00 2A 9E 9A 80 {block[256..]} 00"));
        Assert.Equal("6884", card.Sw("10 B0 00 00 04"));
        Assert.Equal("6700", card.Sw($"10 2A 9E 9A 00 01 01 {block}00"));
    }

    [Fact]
    public void Signing_without_verify_or_without_mse_is_refused()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        var pso = ExtendedPso(PaddedBlock([9]));
        Assert.Equal("6982", card.Sw(pso));
        card.Send(SelectSigning);
        card.Send(MseTag84);
        Assert.Equal("6982", card.Sw(pso));
        card.Send(SelectSigning);
        card.Send(VerifyPin);
        Assert.Equal("6982", card.Sw(pso));
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    [Fact]
    public void Signing_application_needs_a_verify_before_every_signature()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectSigning);
        card.Send(MseTag84);
        card.Send(VerifyPin);
        Sign(card, [1]);
        Assert.Equal("6982", card.Sw(ExtendedPso(PaddedBlock([2]))));
        card.Send(VerifyPin);
        Sign(card, [2]);
    }

    [Fact]
    public void Authentication_application_needs_one_verify_per_selection()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectAuthentication);
        card.Send(VerifyPin);
        card.Send(MseTag81);
        Sign(card, [1]);
        Sign(card, [2]);
        card.Send(SelectAuthentication);
        card.Send(MseTag81);
        Assert.Equal("6982", card.Sw(ExtendedPso(PaddedBlock([3]))));
    }

    [Fact]
    public void Reset_and_a_wrong_pin_end_the_security_state()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectAuthentication);
        card.Send(VerifyPin);
        card.Reset();
        card.Send(SelectAuthentication);
        card.Send(MseTag84);
        Assert.Equal("6982", card.Sw(ExtendedPso(PaddedBlock([1]))));
        card.Send(VerifyPin);
        card.Send(VerifyWrongPin);
        Assert.Equal("6982", card.Sw(ExtendedPso(PaddedBlock([1]))));
    }

    [Theory]
    [InlineData("00 22 41 B6 04 81 02 00 17", "6A88")]
    [InlineData("00 22 41 B6 04 84 02 00 16", "6A88")]
    [InlineData("00 22 41 B6 03 80 01 02", "6A88")]
    [InlineData("00 22 41 B6 04 84 05 00 0C", "6A80")]
    [InlineData("00 22 41 B6 04 99 02 00 0C", "6A80")]
    [InlineData("00 22 41 A4 04 84 02 00 0C", "6A86")]
    [InlineData("00 22 41 B6", "6700")]
    public void Mse_with_other_references_or_malformed_templates_selects_no_key(string mse, string expected)
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectAuthentication);
        card.Send(VerifyPin);
        Assert.Equal(expected, card.Sw(mse));
        Assert.Equal("6982", card.Sw(ExtendedPso(PaddedBlock([1]))));
    }

    [Fact]
    public void Mse_with_an_algorithm_reference_and_the_key_is_accepted()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectAuthentication);
        Assert.Equal("9000", card.Sw("00 22 41 B6 07 80 01 02 84 02 00 0C"));
        card.Send(VerifyPin);
        Sign(card, [1]);
    }

    public static TheoryData<string> BadBlocks()
    {
        var good = PaddedBlock([1]);
        var typeTwo = good.ToArray();
        typeTwo[1] = 0x02;
        var leadingOne = good.ToArray();
        leadingOne[0] = 0x01;
        var noSeparator = good.ToArray();
        noSeparator.AsSpan(2).Fill(0xFF);
        var shortPadding = new byte[256];
        shortPadding[1] = 0x01;
        shortPadding.AsSpan(2, 7).Fill(0xFF);
        shortPadding[200] = 0x30;
        var separatorLast = new byte[256];
        separatorLast[1] = 0x01;
        separatorLast.AsSpan(2, 253).Fill(0xFF);
        return [.. new[] { typeTwo, leadingOne, noSeparator, shortPadding, separatorLast }.Select(Convert.ToHexString)];
    }

    [Theory]
    [MemberData(nameof(BadBlocks))]
    public void Badly_padded_blocks_are_refused(string blockHex)
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectAuthentication);
        card.Send(MseTag84);
        card.Send(VerifyPin);
        Assert.Equal("6A80", card.Sw(ExtendedPso(Bytes(blockHex))));
        Sign(card, [1]);
    }

    [Fact]
    public void Signature_input_of_the_wrong_size_or_le_answers_wrong_length()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectAuthentication);
        card.Send(MseTag84);
        card.Send(VerifyPin);
        var block = Convert.ToHexString(PaddedBlock([1]));
        Assert.Equal("6700", card.Sw($"00 2A 9E 9A 00 00 FF {block[..510]} 00 00"));
        Assert.Equal("6700", card.Sw($"00 2A 9E 9A 00 00 80 {block[..256]} 00 00"));
        Assert.Equal("6700", card.Sw($"00 2A 9E 9A 00 01 00 {block}"));
        Assert.Equal("6700", card.Sw($"00 2A 9E 9A 00 01 00 {block} 00 80"));
        Sign(card, [1]);
    }

    [Fact]
    public void Pso_with_other_parameters_and_unknown_instructions_answer_a_status_word()
    {
        var card = Powered(VirtualHpkiCards.Doctor());
        card.Send(SelectSigning);
        Assert.Equal("6A86", card.Sw("00 2A 9E 9B 00"));
        Assert.Equal("6D00", card.Sw("00 84 00 00 08"));
        Assert.Equal("6E00", card.Sw("80 2A 00 80 00"));
        Assert.Equal("6700", card.Sw("00 A4"));
    }

    [Fact]
    public void Arbitrary_commands_never_throw_and_always_answer_a_status_word()
    {
        var card = VirtualHpkiCards.Doctor();
        Gen.Byte.Array[0, 300].Sample(apdu =>
        {
            var response = card.Process(apdu);
            Assert.True(response.Length >= 2);
        });
        Gen.Byte.Array[0, 40].Sample(tail =>
        {
            foreach (var prefix in new[] { "00 A4 04 00", "00 A4 02 0C", "00 B0 00 00", "00 20 00 88", "00 22 41 B6", "00 2A 9E 9A", "10 2A 9E 9A" })
            {
                card.Send(SelectAuthentication);
                card.Send(SelectCertificateEf);
                var response = card.Process([.. Bytes(prefix), .. tail]);
                Assert.True(response.Length >= 2);
            }
        });
    }
}
