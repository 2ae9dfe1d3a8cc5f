using System.Text.Json;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.IntegrationTests.Hpki;

/// <summary>`onshi hpki check` as a doctor runs it, against each ready-made HPKI card.</summary>
public sealed class HpkiCheckCliTests
{
    private const int ChecksFailed = 3;

    [Fact]
    public async Task A_doctors_card_passes_every_check_with_the_pin_from_stdin()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.DoesNotContain("[FAIL]", result.Output, StringComparison.Ordinal);
        Assert.Contains("[PASS] signing certificate chains to a trusted HPKI root", result.Output, StringComparison.Ordinal);
        Assert.Contains("[PASS] signing certificate carries an accepted hcRole: hcRole \"Medical Doctor\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("[PASS] test signature verifies with the signing certificate", result.Output, StringComparison.Ordinal);
        Assert.Contains("checks passed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(VirtualHpkiCards.Pin, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task The_pin_is_asked_on_the_terminal_without_echo()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        var prompts = new List<string>();

        var result = await InProcessCli.RunAsync(host, new CliOptions { Terminal = prompt => { prompts.Add(prompt); return VirtualHpkiCards.Pin; } }, "hpki", "check");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(prompts);
        Assert.Contains("PIN", prompts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_lists_every_item_with_a_stable_id()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        Assert.True(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(DeviceServiceHost.CardReaderName, document.RootElement.GetProperty("reader").GetString());
        var ids = document.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.Equal(
            ["card", "signing-certificate-read", "signing-certificate-chain", "signing-certificate-validity", "signing-certificate-revocation",
             "signing-certificate-role", "signing-certificate-policy", "signing-certificate-key-usage",
             "auth-certificate-read", "auth-certificate-chain", "auth-certificate-validity", "auth-certificate-revocation",
             "auth-certificate-role", "auth-certificate-policy", "auth-certificate-key-usage", "pin-status", "auth-pin-status", "pin", "signature"],
            ids);
    }

    [Fact]
    public async Task A_pharmacists_card_fails_the_role_check_with_advice()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Pharmacist());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] signing certificate carries an accepted hcRole", result.Output, StringComparison.Ordinal);
        Assert.Contains("HC_ROLE_NOT_ALLOWED", result.Output, StringComparison.Ordinal);
        Assert.Contains("what to do:", result.Output, StringComparison.Ordinal);
        Assert.Contains("[PASS] test signature verifies", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pharmacists_card_passes_when_the_pharmacy_asks_for_pharmacists()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Pharmacist());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check", "--role", "Pharmacist");

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task An_expired_card_fails_the_validity_checks()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Expired());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] signing certificate is within its validity period", result.Output, StringComparison.Ordinal);
        Assert.Contains("[FAIL] authentication certificate is within its validity period", result.Output, StringComparison.Ordinal);
        Assert.Contains("renewed card", result.Output, StringComparison.Ordinal);

        // An expired chain is not trusted, so revocation was not checked: said as such, not as a missing CRL.
        Assert.Contains("[FAIL] signing certificate is not revoked", result.Output, StringComparison.Ordinal);
        Assert.Contains("not checked: the certificate's chain is not trusted", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pki:Crls", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_card_fails_the_revocation_checks()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Revoked());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check", "--json");

        Assert.Equal(ChecksFailed, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var failed = document.RootElement.GetProperty("items").EnumerateArray()
            .Where(item => !item.GetProperty("passed").GetBoolean())
            .Select(item => item.GetProperty("id").GetString())
            .ToList();
        Assert.Equal(["signing-certificate-revocation", "auth-certificate-revocation"], failed);

        // Verification reasons appear by their short names, as before the contract's v1.0.0 prefixes.
        var revocation = document.RootElement.GetProperty("items").EnumerateArray()
            .Single(item => item.GetProperty("id").GetString() == "signing-certificate-revocation");
        Assert.EndsWith("[REVOKED]", revocation.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_one_try_from_blocking_is_not_spent_without_allow_last_try()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.OneTryFromBlocking());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[PASS] signing PIN not blocked: 1 of 15 tries left", result.Output, StringComparison.Ordinal);
        Assert.Contains("[PASS] authentication PIN not blocked: 1 of 15 tries left", result.Output, StringComparison.Ordinal);
        Assert.Contains("[FAIL] PIN accepted: not tried: only one try is left", result.Output, StringComparison.Ordinal);
        Assert.Contains("--allow-last-try", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, host.HpkiCard.SigningPinTriesLeft);

        var allowed = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check", "--allow-last-try");

        Assert.True(allowed.ExitCode == 0, allowed.Output);
        Assert.Equal(VirtualHpkiCard.MaximumTries, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_wrong_pin_says_how_many_tries_are_left_and_is_not_retried()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = "0000\n" }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] PIN accepted: the PIN was wrong; 14 tries left", result.Output, StringComparison.Ordinal);
        Assert.Equal(14, host.HpkiCard.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_My_Number_card_is_not_an_HPKI_card()
    {
        await using var host = await DeviceServiceHost.StartAsync(VirtualMyNumberCards.Standard());

        var result = await InProcessCli.RunAsync(host, new CliOptions(), "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] HPKI card on a reader: no HPKI card found", result.Output, StringComparison.Ordinal);
        Assert.Contains("My Number card", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_reader_given_with_reader_is_a_failed_item_not_a_crash()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());

        var result = await InProcessCli.RunAsync(host, new CliOptions(), "hpki", "check", "--reader", DeviceServiceHost.EmptyReaderName);

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("[FAIL] HPKI card on a reader: no HPKI card found", result.Output, StringComparison.Ordinal);
        Assert.Contains("[NO_CARD]", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Without_trust_configured_the_check_tells_clinic_it_what_to_install()
    {
        await using var host = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor(), SimulatedTrust.NoAnchorSettings.ToDictionary());

        var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualHpkiCards.Pin + "\n" }, "hpki", "check");

        Assert.Equal(ChecksFailed, result.ExitCode);
        Assert.Contains("NO_PATH_TO_TRUST_ANCHOR", result.Output, StringComparison.Ordinal);
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

            var result = await InProcessCli.RunAsync(host, new CliOptions(), "cert", "verify", "--purpose", "hpki-signing", file);

            Assert.Equal(ChecksFailed, result.ExitCode);
            Assert.StartsWith("NOT valid", result.Output, StringComparison.Ordinal);
            Assert.Contains("revocation: REVOKED", result.Output, StringComparison.Ordinal);
            Assert.Contains("FAIL [REVOKED] certificate 0", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
