using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCheck;
using OnshiDevice.Simulators.MyNumber;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators;

public sealed class VirtualMyNumberCardTests
{
    private const string SelectAuthPin = "00 A4 02 0C 02 00 18";
    private const string SelectSigningPassword = "00 A4 02 0C 02 00 1B";
    private const string RetryQuery = "00 20 00 80";

    private static VirtualMyNumberCard PoweredStandard()
    {
        var card = VirtualMyNumberCards.Standard();
        card.Reset();
        return card;
    }

    private static byte[] Sha256DigestInfo(byte[] message) =>
        [.. Bytes("3031300d060960864801650304020105000420"), .. SHA256.HashData(message)];

    [Fact]
    public void Atr_is_the_contact_atr()
    {
        Assert.Equal(Bytes("3B E0 00 FF 81 31 FE 45 14"), VirtualMyNumberCards.Standard().Atr);
    }

    [Fact]
    public void After_power_up_no_ef_is_reachable_and_mf_select_is_refused()
    {
        var card = PoweredStandard();
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 00 0A"));
        Assert.Equal("6A86", card.Sw("00 A4 00 00"));
        Assert.Equal("6986", card.Sw("00 B0 00 00 04"));
    }

    [Fact]
    public void Select_jpki_by_aid_then_mf_select_answers_ok()
    {
        var card = PoweredStandard();
        Assert.Equal("9000", card.Sw(SelectJpki));
        Assert.Equal("9000", card.Sw("00 A4 00 00"));
        Assert.Equal("9000", card.Sw("00 A4 02 0C 02 00 0A"));
    }

    [Theory]
    [InlineData("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 02")]
    [InlineData("00 A4 04 0C 07 A0 00 00 03 08 00 00")]
    [InlineData("00 A4 04 0C 05 D3 92 F0 00 26")]
    public void Unknown_aid_answers_file_not_found_and_keeps_the_current_df(string select)
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        Assert.Equal("6A82", card.Sw(select));
        Assert.Equal("9000", card.Sw("00 A4 02 0C 02 00 0A"));
    }

    [Theory]
    [InlineData("D3 92 10 00 31 00 01 01 04 08", "00 01")]
    [InlineData("D3 92 10 00 31 00 01 01 04 08", "00 02")]
    [InlineData("D3 92 10 00 31 00 01 01 04 02", "00 02")]
    [InlineData("D3 92 10 00 31 00 01 01 01 00", "00 01")]
    public void Other_applications_select_but_expose_no_personal_data(string aid, string fid)
    {
        var card = PoweredStandard();
        Assert.Equal("9000", card.Sw($"00 A4 04 0C 0A {aid}"));
        Assert.Equal("9000", card.Sw($"00 A4 02 0C 02 {fid}"));
        Assert.Equal("6982", card.Sw("00 B0 00 00 00"));
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 00 0A"));
    }

    [Fact]
    public void Text_input_support_pin_acts_blocked_and_costs_no_jpki_try()
    {
        var card = PoweredStandard();
        card.Send("00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08");
        Assert.Equal("63C0", card.Sw("00 20 00 91"));
        Assert.Equal("6984", card.Sw(VerifyCommand(0x91, "1234")));
        Assert.Equal(3, card.AuthPinTriesLeft);
    }

    [Fact]
    public void Unknown_ef_answers_file_not_found()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 00 0C"));
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 3F 00"));
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 2F 00"));
    }

    [Fact]
    public void Auth_certificate_header_names_the_der_length_and_chunked_reads_return_exactly_the_der()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 0A");
        var header = card.Send("00 B0 00 00 04");
        Assert.Equal("9000", StatusOf(header));
        Assert.Equal(0x30, header[0]);
        Assert.Equal(0x82, header[1]);
        var size = ((header[2] << 8) | header[3]) + 4;
        Assert.Equal(card.AuthCertificate.Length, size);

        var read = new List<byte>();
        for (var offset = 0; offset < size; offset += 256)
        {
            var chunk = Math.Min(256, size - offset);
            var response = card.Send($"00 B0 {offset >> 8:X2} {offset & 0xFF:X2} {(chunk == 256 ? 0 : chunk):X2}");
            Assert.Equal("9000", StatusOf(response));
            Assert.Equal(chunk, response.Length - 2);
            read.AddRange(DataOf(response));
        }

        Assert.Equal(card.AuthCertificate, read.ToArray());
    }

    [Fact]
    public void Extended_le_reads_the_whole_certificate_in_one_command()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 0B");
        var response = card.Send("00 B0 00 00 00 00 00");
        Assert.Equal("9000", StatusOf(response));
        Assert.Equal(card.AuthCaCertificate, DataOf(response));
    }

    [Fact]
    public void Le_beyond_the_end_returns_what_is_left_and_offset_past_the_end_is_wrong_offset()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 0A");
        var length = card.AuthCertificate.Length;
        var offset = length - 10;
        var tail = card.Send($"00 B0 {offset >> 8:X2} {offset & 0xFF:X2} 00");
        Assert.Equal("9000", StatusOf(tail));
        Assert.Equal(card.AuthCertificate[^10..], DataOf(tail));
        Assert.Equal("6B00", card.Sw($"00 B0 {length >> 8:X2} {length & 0xFF:X2} 01"));
        Assert.Equal("6B00", card.Sw("00 B0 7F FF 01"));
    }

    [Fact]
    public void Read_by_short_file_id_selects_the_ef_and_reads_from_an_8_bit_offset()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        var header = card.Send("00 B0 8A 00 04");
        Assert.Equal("9000", StatusOf(header));
        Assert.Equal(card.AuthCertificate[..4], DataOf(header));
        var next = card.Send("00 B0 00 04 04");
        Assert.Equal(card.AuthCertificate[4..8], DataOf(next));
        var whole = card.Send("00 B0 8B 00 00 00 00");
        Assert.Equal(card.AuthCaCertificate, DataOf(whole));
        Assert.Equal("6A82", card.Sw("00 B0 8C 00 04"));
        Assert.Equal("6A86", card.Sw("00 B0 80 00 04"));
    }

    [Fact]
    public void Token_info_and_certificate_availability_are_free_to_read()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 06");
        var token = card.Send("00 B0 00 00 00");
        Assert.Equal(160 + 2, token.Length);
        Assert.Equal("JPKIAPICCTOKEN2".PadRight(32), System.Text.Encoding.ASCII.GetString(token, 0, 32));
        card.Send("00 A4 02 0C 02 00 08");
        Assert.Equal(Bytes("8F 8F 00 90 00"), card.Send("00 B0 00 00 00"));
    }

    [Fact]
    public void Signing_certificate_needs_the_signing_password()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 01");
        Assert.Equal("6982", card.Sw("00 B0 00 00 04"));
        card.Send(SelectSigningPassword);
        Assert.Equal("9000", card.Sw(VerifyCommand(0x80, VirtualMyNumberCards.SigningPassword)));
        card.Send("00 A4 02 0C 02 00 01");
        var response = card.Send("00 B0 00 00 00 00 00");
        Assert.Equal("9000", StatusOf(response));
        Assert.Equal(card.SigningCertificate, DataOf(response));
    }

    [Fact]
    public void Signing_ca_certificate_and_auth_certificate_need_nothing()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 02");
        Assert.Equal(card.SigningCaCertificate, DataOf(card.Send("00 B0 00 00 00 00 00")));
        card.Send("00 A4 02 0C 02 00 0A");
        Assert.Equal(card.AuthCertificate, DataOf(card.Send("00 B0 00 00 00 00 00")));
    }

    [Fact]
    public void Key_and_pin_efs_cannot_be_read()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 17");
        Assert.Equal("6981", card.Sw("00 B0 00 00 00"));
        card.Send(SelectAuthPin);
        Assert.Equal("6981", card.Sw("00 B0 00 00 00"));
    }

    [Fact]
    public void Empty_verify_reports_tries_left_even_after_a_successful_verify()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(SelectAuthPin);
        Assert.Equal("63C3", card.Sw(RetryQuery));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x80, VirtualMyNumberCards.AuthPin)));
        Assert.Equal("63C3", card.Sw(RetryQuery));
        card.Send(SelectSigningPassword);
        Assert.Equal("63C5", card.Sw(RetryQuery));
    }

    [Fact]
    public void Auth_pin_blocks_after_three_wrong_tries()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(SelectAuthPin);
        Assert.Equal("63C2", card.Sw(VerifyCommand(0x80, "9999")));
        Assert.Equal("63C2", card.Sw(RetryQuery));
        Assert.Equal("63C1", card.Sw(VerifyCommand(0x80, "0000")));
        Assert.Equal("63C0", card.Sw(VerifyCommand(0x80, "1111")));
        Assert.Equal("6984", card.Sw(VerifyCommand(0x80, VirtualMyNumberCards.AuthPin)));
        Assert.Equal("63C0", card.Sw(RetryQuery));
        Assert.Equal(0, card.AuthPinTriesLeft);
        Assert.Equal(5, card.SigningPasswordTriesLeft);
    }

    [Fact]
    public void Signing_password_blocks_after_five_wrong_tries()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(SelectSigningPassword);
        string[] expected = ["63C4", "63C3", "63C2", "63C1", "63C0"];
        foreach (var sw in expected)
        {
            Assert.Equal(sw, card.Sw(VerifyCommand(0x80, "WRONG1")));
        }

        Assert.Equal("6984", card.Sw(VerifyCommand(0x80, VirtualMyNumberCards.SigningPassword)));
        Assert.Equal("63C0", card.Sw(RetryQuery));
    }

    [Fact]
    public void Correct_verify_resets_the_counter()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        Assert.Equal("63C2", card.Sw(VerifyCommand(0x98, "0000")));
        Assert.Equal("63C1", card.Sw(VerifyCommand(0x98, "0001")));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin)));
        Assert.Equal("63C3", card.Sw("00 20 00 98"));
        Assert.Equal(3, card.AuthPinTriesLeft);
    }

    [Fact]
    public void Retry_counters_survive_reset_but_security_state_does_not()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(VerifyCommand(0x98, "0000"));
        card.Send(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword));
        card.Reset();
        Assert.Equal("6A82", card.Sw("00 A4 02 0C 02 00 01"));
        card.Send(SelectJpki);
        Assert.Equal("63C2", card.Sw("00 20 00 98"));
        card.Send("00 A4 02 0C 02 00 01");
        Assert.Equal("6982", card.Sw("00 B0 00 00 04"));
    }

    [Fact]
    public void Ready_made_cards_start_with_their_counters_and_each_call_is_a_fresh_card()
    {
        var first = VirtualMyNumberCards.Standard();
        first.Reset();
        first.Send(SelectJpki);
        first.Send(VerifyCommand(0x98, "0000"));
        Assert.Equal(2, first.AuthPinTriesLeft);
        Assert.Equal(3, VirtualMyNumberCards.Standard().AuthPinTriesLeft);
        Assert.Equal(first.AuthCertificate, VirtualMyNumberCards.Standard().AuthCertificate);

        var blocked = VirtualMyNumberCards.AuthPinBlocked();
        blocked.Reset();
        blocked.Send(SelectJpki);
        Assert.Equal("63C0", blocked.Sw("00 20 00 98"));
        Assert.Equal("6984", blocked.Sw(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin)));

        var oneTry = VirtualMyNumberCards.OneTryFromBlocking();
        oneTry.Reset();
        oneTry.Send(SelectJpki);
        Assert.Equal("63C1", oneTry.Sw("00 20 00 98"));
        Assert.Equal("63C1", oneTry.Sw("00 20 00 9B"));
        Assert.Equal("63C0", oneTry.Sw(VerifyCommand(0x9B, "WRONG1")));
        Assert.Equal("6984", oneTry.Sw(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword)));
        Assert.Equal("9000", oneTry.Sw(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin)));
        Assert.Equal(3, oneTry.AuthPinTriesLeft);
    }

    [Fact]
    public void Auth_signature_verifies_with_the_auth_certificate_key()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(SelectAuthPin);
        Assert.Equal("9000", card.Sw(VerifyCommand(0x80, VirtualMyNumberCards.AuthPin)));
        card.Send("00 A4 02 0C 02 00 17");
        var message = "challenge from the server"u8.ToArray();
        var digestInfo = Sha256DigestInfo(message);
        var response = card.Send($"80 2A 00 80 {digestInfo.Length:X2} {Convert.ToHexString(digestInfo)} 00");
        Assert.Equal("9000", StatusOf(response));
        var signature = DataOf(response);
        Assert.Equal(256, signature.Length);

        using var certificate = X509CertificateLoader.LoadCertificate(card.AuthCertificate);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Signing_key_by_short_file_id_signs_after_the_password_and_verifies_with_the_signing_certificate()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        var digestInfo = Convert.ToHexString(Sha256DigestInfo("document"u8.ToArray()));
        Assert.Equal("6982", card.Sw($"80 2A 00 9A 33 {digestInfo} 00"));
        card.Send(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword));
        var response = card.Send($"80 2A 00 9A 33 {digestInfo} 00");
        Assert.Equal("9000", StatusOf(response));

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(card.SigningPublicKeyInfo, out _);
        Assert.True(rsa.VerifyData("document"u8.ToArray(), DataOf(response), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Auth_key_needs_the_auth_pin_not_the_signing_password()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword));
        var digestInfo = Convert.ToHexString(Sha256DigestInfo([1, 2, 3]));
        Assert.Equal("6982", card.Sw($"80 2A 00 97 33 {digestInfo} 00"));
        card.Send(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin));
        Assert.Equal("9000", card.Sw($"80 2A 00 97 33 {digestInfo} 00"));
    }

    [Fact]
    public void Signature_input_as_given_is_padded_without_parsing_it()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin));
        var input = Bytes("3031300b0609608648016503040201050004200102030405060708091011121314151617181920212223242526272829303132");
        var response = card.Send($"80 2A 00 97 {input.Length:X2} {Convert.ToHexString(input)} 00");
        Assert.Equal("9000", StatusOf(response));

        var recovered = RawPublic(card.AuthPublicKeyInfo, DataOf(response));
        Assert.Equal(0x00, recovered[0]);
        Assert.Equal(0x01, recovered[1]);
        Assert.Equal(input, recovered[^input.Length..]);
        Assert.Equal(0x00, recovered[^(input.Length + 1)]);
        Assert.All(recovered[2..^(input.Length + 1)], b => Assert.Equal(0xFF, b));
    }

    private static byte[] RawPublic(byte[] publicKeyInfo, byte[] signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
        var parameters = rsa.ExportParameters(false);
        var n = new System.Numerics.BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new System.Numerics.BigInteger(parameters.Exponent, isUnsigned: true, isBigEndian: true);
        var s = new System.Numerics.BigInteger(signature, isUnsigned: true, isBigEndian: true);
        var m = System.Numerics.BigInteger.ModPow(s, e, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        var block = new byte[256];
        m.CopyTo(block, 256 - m.Length);
        return block;
    }

    [Fact]
    public void Signature_commands_with_bad_parameters_or_lengths_are_refused()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin));
        var digestInfo = Convert.ToHexString(Sha256DigestInfo([9]));
        Assert.Equal("6A86", card.Sw($"80 2A 06 97 33 {digestInfo} 00"));
        Assert.Equal("6A86", card.Sw($"80 2A FF 97 33 {digestInfo} 00"));
        Assert.Equal("6A86", card.Sw($"80 2A 00 00 33 {digestInfo} 00"));
        Assert.Equal("6700", card.Sw($"80 2A 00 97 33 {digestInfo}"));
        Assert.Equal("6700", card.Sw("80 2A 00 97 00"));
        Assert.Equal("6985", card.Sw($"80 2A 00 97 F6 {new string('A', 246 * 2)} 00"));
        Assert.Equal("6A88", card.Sw($"80 2A 00 80 33 {digestInfo} 00"));
        card.Send("00 A4 02 0C 02 00 0A");
        Assert.Equal("6A88", card.Sw($"80 2A 00 80 33 {digestInfo} 00"));
    }

    [Fact]
    public void Selecting_another_df_clears_the_security_state()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin));
        var sign = $"80 2A 00 97 33 {Convert.ToHexString(Sha256DigestInfo([7]))} 00";
        Assert.Equal("9000", card.Sw(sign));
        Assert.Equal("9000", card.Sw("00 A4 02 0C 02 00 0A"));
        Assert.Equal("9000", card.Sw(sign));
        card.Send("00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08");
        card.Send(SelectJpki);
        Assert.Equal("6982", card.Sw(sign));
    }

    [Fact]
    public void Reselecting_the_jpki_aid_logs_out()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword));
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 01");
        Assert.Equal("6982", card.Sw("00 B0 00 00 04"));
    }

    [Theory]
    [InlineData("01 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "6881")]
    [InlineData("43 B0 00 00 04", "6881")]
    [InlineData("81 2A 00 97 01 00 00", "6881")]
    [InlineData("0C A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "6882")]
    [InlineData("0C B0 00 00 04", "69FC")]
    [InlineData("10 B0 00 00 04", "6E00")]
    [InlineData("A0 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01", "6E00")]
    [InlineData("FF CA 00 00 00", "6E00")]
    [InlineData("00 CA 5F 51 00", "6A88")]
    [InlineData("00 84 00 00 00 00 08", "6985")]
    [InlineData("00 84 01 00 08", "6A86")]
    [InlineData("00 C0 00 00 08", "6D00")]
    [InlineData("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 00", "6700")]
    [InlineData("00 A4 04 00 0A D3 92 F0 00 26 01 00 00 00 01", "6A86")]
    [InlineData("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00", "6A82")]
    [InlineData("00 A4 04 0C 07 A0 00 00 00 79 01 00 00", "6A82")]
    [InlineData("80 B0 00 00 04", "6D00")]
    public void Class_and_instruction_errors(string apdu, string sw)
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        Assert.Equal(sw, card.Sw(apdu));
    }

    [Theory]
    [InlineData("00 B0 00")]
    [InlineData("00 A4 04 0C 05 D3 92")]
    [InlineData("00 A4 04 0C")]
    [InlineData("00 A4 02 0C 03 00 0A 00")]
    [InlineData("00 B0 00 00 01 00")]
    [InlineData("00 B0 00 00")]
    [InlineData("00 20 00 98 04 31 32 33 34 00")]
    [InlineData("00 B0 00 00 00 01")]
    public void Wrong_lengths_answer_6700(string apdu)
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 0A");
        Assert.Equal("6700", card.Sw(apdu));
        Assert.Equal(3, card.AuthPinTriesLeft);
    }

    [Fact]
    public void Change_reference_data_needs_the_old_pin_verified_and_a_well_formed_new_one()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send(SelectAuthPin);
        Assert.Equal("6982", card.Sw($"00 24 01 80 04 {Ascii("4321")}"));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x80, VirtualMyNumberCards.AuthPin)));
        Assert.Equal("6A80", card.Sw($"00 24 01 80 05 {Ascii("43210")}"));
        Assert.Equal("6A80", card.Sw($"00 24 01 80 04 {Ascii("43A1")}"));
        Assert.Equal("6A86", card.Sw($"00 24 00 80 04 {Ascii("4321")}"));
        Assert.Equal("9000", card.Sw($"00 24 01 80 04 {Ascii("4321")}"));
        Assert.Equal("63C2", card.Sw(VerifyCommand(0x80, VirtualMyNumberCards.AuthPin)));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x80, "4321")));

        Assert.Equal("9000", card.Sw(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword)));
        Assert.Equal("6A80", card.Sw($"00 24 01 9B 06 {Ascii("abc123")}"));
        Assert.Equal("9000", card.Sw($"00 24 01 9B 07 {Ascii("XYZ7890")}"));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x9B, "XYZ7890")));
    }

    [Fact]
    public async Task Concurrent_callers_see_consistent_counters()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                card.Send("00 B0 8A 00 04");
            }
        }));
        await Task.WhenAll(workers);
        Assert.Equal(1 + (8 * 200), card.CommandsReceived);
        Assert.Equal(3, card.AuthPinTriesLeft);
    }

    [Fact]
    public void Get_challenge_returns_le_bytes()
    {
        var card = PoweredStandard();
        var response = card.Send("00 84 00 00 08");
        Assert.Equal("9000", StatusOf(response));
        Assert.Equal(8, DataOf(response).Length);
    }

    [Fact]
    public void Commands_received_counts_every_apdu()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00");
        card.Send("00 B0 00 00 04");
        Assert.Equal(3, card.CommandsReceived);
    }

    [Fact]
    public void Arbitrary_bytes_get_a_status_word_and_never_an_exception()
    {
        var card = PoweredStandard();
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var response = card.Process(bytes);
            Assert.True(response.Length >= 2);
        });
    }

    [Fact]
    public void Arbitrary_bodies_of_known_instructions_get_a_status_word()
    {
        var card = PoweredStandard();
        var headers = new[] { "00A4040C", "00A4020C", "00B00000", "00B08A00", "00200080", "00200098", "802A0097", "802A0080" };
        Gen.Select(Gen.Int[0, headers.Length - 1].Select(i => headers[i]), Gen.Byte.Array[0, 270]).Sample((header, body) =>
        {
            card.Send(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin));
            var response = card.Process([.. Bytes(header), .. body]);
            Assert.True(response.Length >= 2);
        });
    }

    [Fact]
    public void Fault_overstated_header_claims_more_than_the_file_holds()
    {
        var card = VirtualMyNumberCards.WithFault(VirtualMyNumberCardFault.AuthCertificateHeaderOverstatesLength);
        card.Reset();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 0A");
        var header = card.Send("00 B0 00 00 04");
        var claimed = ((header[2] << 8) | header[3]) + 4;
        var all = DataOf(card.Send("00 B0 00 00 00 00 00"));
        Assert.True(claimed > all.Length);
        Assert.Equal(card.AuthCertificate.Length, all.Length);
        Assert.Equal("6B00", card.Sw($"00 B0 {all.Length >> 8:X2} {all.Length & 0xFF:X2} 00"));
    }

    [Fact]
    public void Fault_more_data_forever_answers_61xx_to_everything()
    {
        var card = VirtualMyNumberCards.WithFault(VirtualMyNumberCardFault.MoreDataForever);
        card.Reset();
        Assert.Equal("6110", card.Sw(SelectJpki));
        for (var i = 0; i < 5; i++)
        {
            var response = card.Send("00 C0 00 00 10");
            Assert.Equal("6110", StatusOf(response));
            Assert.Equal(18, response.Length);
        }
    }

    [Fact]
    public void Fault_garbage_atr_is_not_the_contact_atr()
    {
        var atr = VirtualMyNumberCards.WithFault(VirtualMyNumberCardFault.GarbageAtr).Atr;
        Assert.DoesNotContain(atr[0], new byte[] { 0x3B, 0x3F });
        Assert.NotEqual(VirtualMyNumberCards.Standard().Atr, atr);
    }
}
