using System.Text.Json;
using OnshiDevice.Cli.Hpki;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.IntegrationTests.Hpki;

/// <summary>`onshi hpki check` as a doctor runs it, against each ready-made HPKI card, in English and in Japanese.</summary>
public sealed class HpkiCheckCliTests
{
    private const int ChecksFailed = 3;
    private static readonly string PinLine = VirtualHpkiCards.Pin + "\n";
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly string[] ItemIds = ["card", "certificates", "validity", "revocation", "role", "pin", "signature"];

    // 2030-03-31 14:59:59 UTC, the simulated doctor's certificates' end, in Tokyo.
    private const string DoctorsEndInTokyo = "2030-03-31 23:59 JST";

    [Fact]
    public async Task A_doctors_card_passes_seven_short_checks_with_the_pin_from_stdin()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine, TimeZone = Tokyo }, "hpki", "check");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"[PASS] Card: HPKI card found on \"{DeviceServiceHost.CardReaderName}\"",
                "[PASS] Certificates: signing and authentication certificates read; both lead to a trusted HPKI root",
                $"[PASS] Validity: valid until {DoctorsEndInTokyo}",
                "[PASS] Revocation: not revoked; the revocation lists (CRLs) are current",
                "[PASS] Role: doctor (hcRole \"Medical Doctor\")",
                "[PASS] PIN: signing PIN 15 of 15 tries left; authentication PIN 15 of 15 tries left",
            ],
            lines[..6]);
        Assert.StartsWith("[PASS] Test signature: the card accepted the PIN", lines[6], StringComparison.Ordinal);
        Assert.Equal("All 7 checks passed: this HPKI card is ready for electronic prescriptions.", lines[7]);
        Assert.Equal(8, lines.Length);
        Assert.DoesNotContain(VirtualHpkiCards.Pin, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task The_checklist_speaks_Japanese_with_local_times_when_the_locale_is_Japanese()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var japanese = new Dictionary<string, string> { ["LANG"] = "ja_JP.UTF-8" };

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine, TimeZone = Tokyo, Environment = japanese }, "hpki", "check");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"[ OK ] カード: HPKIカードを確認しました（リーダー「{DeviceServiceHost.CardReaderName}」）",
                "[ OK ] 電子証明書: 署名用・認証用の電子証明書を読み取り、どちらも信頼できる HPKI のルート認証局までたどれました",
                $"[ OK ] 有効期限: {DoctorsEndInTokyo} まで有効",
                "[ OK ] 失効確認: 失効していません（失効リストは最新です）",
                "[ OK ] 資格: 医師（hcRole「Medical Doctor」）",
                "[ OK ] 暗証番号: 署名用 残り 15 回（最大 15 回）、認証用 残り 15 回（最大 15 回）",
            ],
            lines[..6]);
        Assert.StartsWith("[ OK ] 署名テスト: 暗証番号が受け付けられ", lines[6], StringComparison.Ordinal);
        Assert.Equal("7 項目すべて OK です。この HPKI カードは電子処方箋に使えます。", lines[7]);
    }

    [Fact]
    public async Task The_X509_detail_shows_only_with_verbose()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var plain = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check");
        var verbose = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check", "--verbose");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, verbose.ExitCode);
        foreach (var word in new[] { "subject", "issuer", "serial", "1.2.392.100495", "path [" })
        {
            Assert.DoesNotContain(word, plain.Output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(word, verbose.Output, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("policies: 1.2.392.100495.1.5.1.1.0.1", verbose.Output, StringComparison.Ordinal);
        Assert.Contains("valid from 2025-04-01 00:00 UTC to 2030-03-31 14:59 UTC", verbose.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pin_is_asked_on_the_terminal_without_echo_in_the_users_language()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var prompts = new List<string>();
        string Answer(string prompt)
        {
            prompts.Add(prompt);
            return VirtualHpkiCards.Pin;
        }

        var english = await InProcessCli.RunAsync(host, new CliOptions { Terminal = Answer }, "hpki", "check");
        var japanese = await InProcessCli.RunAsync(host, new CliOptions { Terminal = Answer }, "--lang", "ja", "hpki", "check", "--json");

        Assert.Equal(0, english.ExitCode);
        Assert.Equal(0, japanese.ExitCode);
        Assert.Equal(["HPKI signing PIN (not shown): ", "HPKI 署名用の暗証番号（画面には表示されません）: "], prompts);
    }

    [Fact]
    public async Task Json_output_lists_the_seven_items_with_stable_ids_the_same_in_every_language_with_ISO_8601_times()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var english = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine, TimeZone = Tokyo }, "hpki", "check", "--json");
        var japanese = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine, TimeZone = Tokyo }, "--lang", "ja", "hpki", "check", "--json");

        Assert.Equal(0, english.ExitCode);
        using var document = JsonDocument.Parse(english.Output);
        Assert.True(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(0, document.RootElement.GetProperty("warnings").GetInt32());
        Assert.Equal(DeviceServiceHost.CardReaderName, document.RootElement.GetProperty("reader").GetString());
        var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ItemIds, items.Select(item => item.GetProperty("id").GetString()));
        Assert.All(items, item => Assert.Equal("pass", item.GetProperty("status").GetString()));
        Assert.Equal("valid until 2030-03-31T23:59:59+09:00", items.Single(item => item.GetProperty("id").GetString() == "validity").GetProperty("detail").GetString());

        // The signature differs per run (a fresh digest); everything else is the same document.
        Assert.Equal(0, japanese.ExitCode);
        Assert.Equal(WithoutSignatureLength(english.Output), WithoutSignatureLength(japanese.Output));
    }

    [Fact]
    public async Task A_pharmacists_card_fails_the_role_check_with_advice()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Pharmacist());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] Role: signing certificate: the role \"pharmacist\" is not accepted here (accepted: doctor, dentist) [HC_ROLE_NOT_ALLOWED]", result.Output, StringComparison.Ordinal);
        Assert.Contains("what to do: This card's role cannot sign here", result.Output, StringComparison.Ordinal);
        Assert.Contains("[PASS] Test signature", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 7 checks failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pharmacists_card_passes_when_the_pharmacy_asks_for_pharmacists()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Pharmacist());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "--lang", "ja", "hpki", "check", "--role", "Pharmacist");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("[ OK ] 資格: 薬剤師（hcRole「Pharmacist」）", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_card_fails_validity_with_its_end_date_in_local_time_in_both_languages()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Expired());

        var english = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine, TimeZone = Tokyo }, "hpki", "check");
        var japanese = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine, TimeZone = Tokyo }, "--lang", "ja", "hpki", "check");

        Assert.Equal(ChecksFailed, english.ExitCode);
        Assert.Contains("[FAIL] Validity: signing certificate expired (valid until 2022-03-31 23:59 JST) [EXPIRED]", english.Output, StringComparison.Ordinal);
        Assert.Contains("authentication certificate expired (valid until 2022-03-31 23:59 JST) [EXPIRED]", english.Output, StringComparison.Ordinal);
        Assert.Contains("renewed card", english.Output, StringComparison.Ordinal);

        // An expired chain is not trusted, so revocation was not checked: said as such, not as a missing CRL.
        Assert.Contains("[FAIL] Revocation: signing certificate: not checked: the certificate's chain is not trusted", english.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pki:Crls", english.Output, StringComparison.Ordinal);

        Assert.Equal(ChecksFailed, japanese.ExitCode);
        Assert.Contains("[ NG ] 有効期限: 署名用電子証明書の有効期限が切れています（2022-03-31 23:59 JST まで） [EXPIRED]", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("対処: 証明書の有効期限が切れています。発行元の認証局に証明書の更新を申請してください。", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("[ NG ] 失効確認: 署名用電子証明書: 証明書の経路が信頼できないため確認できません", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("7 項目中 2 項目が NG です。", japanese.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_card_fails_the_revocation_check()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Revoked());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check", "--json");
        var japanese = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "--lang", "ja", "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal(["revocation"], FailedItems(document));

        // Verification reasons appear by their short names, as before the contract's v1.0.0 prefixes.
        var revocation = document.RootElement.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetString() == "revocation");
        Assert.Equal("signing certificate has been revoked [REVOKED]; authentication certificate has been revoked [REVOKED]", revocation.GetProperty("detail").GetString());
        Assert.Contains("[ NG ] 失効確認: 署名用電子証明書は失効しています [REVOKED]", japanese.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HpkiCheckOptions.FewTriesLeft, "warn", "signing PIN 3 of 15 tries left")]
    [InlineData(HpkiCheckOptions.FewTriesLeft + 1, "pass", "signing PIN 4 of 15 tries left")]
    public async Task Few_tries_left_is_a_warning_not_a_pass(int triesLeft, string status, string detail)
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Custom(VirtualHpkiCards.Pin, VirtualHpkiCards.Pin, triesLeft, VirtualHpkiCard.MaximumTries));

        var json = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check", "--json");

        // A warning does not fail the check: the right PIN still signs.
        Assert.True(json.ExitCode == 0, json.Output);
        using var document = JsonDocument.Parse(json.Output);
        var pin = document.RootElement.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetString() == "pin");
        Assert.Equal(status, pin.GetProperty("status").GetString());
        Assert.StartsWith(detail, pin.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(status == "warn" ? 1 : 0, document.RootElement.GetProperty("warnings").GetInt32());
    }

    [Fact]
    public async Task Few_tries_left_reads_as_a_warning_with_advice_in_both_languages()
    {
        // The right PIN resets the counter, so each language gets a card of its own.
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Custom(VirtualHpkiCards.Pin, VirtualHpkiCards.Pin, 2, 2));
        await using var japaneseHost = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Custom(VirtualHpkiCards.Pin, VirtualHpkiCards.Pin, 2, 2));

        var english = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check");
        var japanese = await InProcessCli.RunAsync(japaneseHost, new CliOptions { Input = PinLine }, "--lang", "ja", "hpki", "check");

        Assert.Equal(0, english.ExitCode);
        Assert.Contains("[WARN] PIN: signing PIN 2 of 15 tries left; authentication PIN 2 of 15 tries left", english.Output, StringComparison.Ordinal);
        Assert.Contains("what to do: Few tries are left (a warning at 3 or fewer)", english.Output, StringComparison.Ordinal);
        Assert.Contains("No check failed, 1 of 7 with a warning", english.Output, StringComparison.Ordinal);
        Assert.Contains("[注意] 暗証番号: 署名用 残り 2 回（最大 15 回）", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("対処: 残り回数が少なくなっています（3 回以下で注意）。", japanese.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocked_pin_fails_and_no_signature_is_tried()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Custom(VirtualHpkiCards.Pin, VirtualHpkiCards.Pin, 0, VirtualHpkiCard.MaximumTries));

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] PIN: signing PIN blocked; authentication PIN 15 of 15 tries left", result.Output, StringComparison.Ordinal);
        Assert.Contains("PIN閉塞解除申請", result.Output, StringComparison.Ordinal);
        Assert.Contains("[FAIL] Test signature: not tried: the signing PIN cannot be used", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_one_try_from_blocking_warns_and_keeps_its_try_without_allow_last_try()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.OneTryFromBlocking());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[WARN] PIN: signing PIN 1 of 15 tries left; authentication PIN 1 of 15 tries left", result.Output, StringComparison.Ordinal);
        Assert.Contains("[FAIL] Test signature: not tried: only one try is left", result.Output, StringComparison.Ordinal);
        Assert.Contains("--allow-last-try", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, host.HpkiCard.SigningPinTriesLeft);

        var allowed = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check", "--allow-last-try");

        Assert.True(allowed.ExitCode == 0, allowed.Output);
        Assert.Contains("[WARN] PIN", allowed.Output, StringComparison.Ordinal);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_wrong_pin_says_how_many_tries_are_left_and_is_not_retried()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = "0000\n" }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] Test signature: the PIN was wrong; 14 tries left", result.Output, StringComparison.Ordinal);
        Assert.Contains("the card locks after 15 wrong entries", result.Output, StringComparison.Ordinal);
        Assert.Equal(14, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_pin_typed_in_full_width_characters_is_the_pin_it_stands_for()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var fullWidth = new string(VirtualHpkiCards.Pin.Select(digit => (char)(digit - '0' + '０')).ToArray());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Terminal = _ => fullWidth }, "hpki", "check");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("[PASS] Test signature", result.Output, StringComparison.Ordinal);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_pin_of_the_wrong_format_says_which_characters_are_allowed_and_costs_no_try()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var english = await InProcessCli.RunAsync(host, new CliOptions { Terminal = _ => "５６７" }, "hpki", "check");
        var japanese = await InProcessCli.RunAsync(host, new CliOptions { Terminal = _ => "56 78" }, "--lang", "ja", "hpki", "check");

        Assert.Equal(ChecksFailed, english.ExitCode);
        Assert.Contains(
            "[FAIL] Test signature: the HPKI PIN was not accepted: it is 4 to 16 of the ASCII characters ! to ~ (letters, digits and symbols; no spaces); full-width characters count as half-width; nothing was sent to the card",
            english.Output,
            StringComparison.Ordinal);
        Assert.Equal(ChecksFailed, japanese.ExitCode);
        Assert.Contains("[ NG ] 署名テスト: HPKI の暗証番号の形式が違います: 英字・数字・記号の 4〜16 文字", japanese.Output, StringComparison.Ordinal);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_My_Number_card_is_not_an_HPKI_card()
    {
        await using var host = await DeviceServiceHost.StartAsync(VirtualMyNumberCards.Standard());

        var result = await InProcessCli.RunAsync(host, new CliOptions(), "hpki", "check");
        var japanese = await InProcessCli.RunAsync(host, new CliOptions(), "--lang", "ja", "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] Card: no HPKI card found", result.Output, StringComparison.Ordinal);
        Assert.Contains("My Number card", result.Output, StringComparison.Ordinal);
        Assert.Contains("[ NG ] カード: HPKIカードが見つかりません", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("マイナンバーカード (MY_NUMBER)", japanese.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_reader_given_with_reader_is_a_failed_item_not_a_crash()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var result = await InProcessCli.RunAsync(host, new CliOptions(), "hpki", "check", "--reader", DeviceServiceHost.EmptyReaderName);

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] Card: no HPKI card found", result.Output, StringComparison.Ordinal);
        Assert.Contains("[NO_CARD]", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Without_trust_configured_the_check_tells_clinic_it_what_to_install()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor(), SimulatedTrust.NoAnchorSettings.ToDictionary());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = PinLine }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] Certificates: signing certificate does not lead to a trusted HPKI root [NO_PATH_TO_TRUST_ANCHOR]", result.Output, StringComparison.Ordinal);
        Assert.Contains("Pki:TrustAnchors:HpkiSigning", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_verify_reads_a_pem_file_and_exits_3_when_not_valid()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"onshi-verify-{Guid.NewGuid():N}.pem");
        try
        {
            await File.WriteAllTextAsync(file, new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", VirtualHpkiCards.Revoked().SigningCertificate)));

            var result = await InProcessCli.RunAsync(host, new CliOptions { TimeZone = Tokyo }, "cert", "verify", "--purpose", "hpki-signing", file);
            var japanese = await InProcessCli.RunAsync(host, new CliOptions { TimeZone = Tokyo }, "--lang", "ja", "cert", "verify", "--purpose", "hpki-signing", file);

            Assert.Equal(ChecksFailed, result.ExitCode);
            Assert.StartsWith("NOT valid", result.Output, StringComparison.Ordinal);
            Assert.Contains("2025-04-01 09:00 JST to 2030-03-31 23:59 JST", result.Output, StringComparison.Ordinal);
            Assert.Contains("revocation: REVOKED", result.Output, StringComparison.Ordinal);
            Assert.Contains("FAIL [REVOKED] certificate 0", result.Output, StringComparison.Ordinal);
            Assert.StartsWith("無効", japanese.Output, StringComparison.Ordinal);
            Assert.Contains("失効確認: REVOKED", japanese.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<string?> FailedItems(JsonDocument document) =>
        document.RootElement.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("status").GetString() == "fail")
            .Select(item => item.GetProperty("id").GetString())
            .ToList();

    private static string WithoutSignatureLength(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "its [0-9]+-byte signature", "its signature");
}
