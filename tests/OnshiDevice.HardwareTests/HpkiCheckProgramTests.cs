using System.Text.Json;
using OnshiDevice.Simulators.Hpki;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// `onshi hpki check` as a doctor runs it: the onshi-device program (trust from environment variables) and the
/// onshi command line as separate processes, the PIN on standard input, each ready-made HPKI card tapped on a
/// vpcd reader of the real pcscd. One service process serves every card of the class.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class HpkiCheckProgramTests(PcscdFixture pcscd, ServiceProgram service) : IClassFixture<ServiceProgram>
{
    private const string Reader = PcscdFixture.Slot0Reader;
    private const int ChecksFailed = 3;
    private static readonly string PinLine = VirtualHpkiCards.Pin + "\n";

    /// <summary>On the second reader, so the check has to find the card rather than take the first reader.</summary>
    [Fact]
    public async Task A_doctors_card_passes_every_check_and_the_pin_never_shows()
    {
        var card = VirtualHpkiCards.Doctor();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot1Port, PcscdFixture.Slot1Reader);

        var text = await service.RunCliAsync(PinLine, "hpki", "check");
        var json = await service.RunCliAsync(PinLine, "hpki", "check", "--json");

        Assert.True(text.ExitCode == 0, Explain(text));
        Assert.DoesNotContain("[FAIL]", text.Output, StringComparison.Ordinal);
        Assert.Contains("[PASS] Test signature: the card accepted the PIN", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(VirtualHpkiCards.Pin, text.Output + text.Error, StringComparison.Ordinal);

        Assert.True(json.ExitCode == 0, Explain(json));
        using var document = JsonDocument.Parse(json.Output);
        Assert.True(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(PcscdFixture.Slot1Reader, document.RootElement.GetProperty("reader").GetString());
        Assert.Empty(FailedItems(document));
        Assert.Equal(7, document.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    [Theory]
    [InlineData("pharmacist", "role")]
    // An expired chain is not trusted, so its revocation is NOT_CHECKED: that item fails too, pointing at the validity item.
    [InlineData("expired", "validity,revocation")]
    [InlineData("revoked", "revocation")]
    public async Task A_card_that_must_not_sign_prescriptions_fails_exactly_its_checks(string cardName, string failingItems)
    {
        var card = cardName switch
        {
            "pharmacist" => VirtualHpkiCards.Pharmacist(),
            "expired" => VirtualHpkiCards.Expired(),
            "revoked" => VirtualHpkiCards.Revoked(),
            _ => throw new ArgumentOutOfRangeException(nameof(cardName), cardName, "No such virtual HPKI card."),
        };
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        var result = await service.RunCliAsync(PinLine, "hpki", "check", "--json");

        Assert.True(result.ExitCode == ChecksFailed, Explain(result));
        using var document = JsonDocument.Parse(result.Output);
        Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(failingItems.Split(','), FailedItems(document));

        // The PIN and the test signature still work: the card is refused for its certificates, not its chip.
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    [Fact]
    public async Task A_card_one_try_from_blocking_keeps_its_try_until_allow_last_try_is_given()
    {
        var card = VirtualHpkiCards.OneTryFromBlocking();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        var refused = await service.RunCliAsync(PinLine, "hpki", "check", "--json");

        Assert.True(refused.ExitCode == ChecksFailed, Explain(refused));
        using (var document = JsonDocument.Parse(refused.Output))
        {
            // One try left warns on the PIN item; the signature is not tried.
            Assert.Equal(["signature"], FailedItems(document));
            var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal("warn", items.Single(item => item.GetProperty("id").GetString() == "pin").GetProperty("status").GetString());
            var signature = items.Single(item => item.GetProperty("id").GetString() == "signature");
            Assert.Contains("only one try is left", signature.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("--allow-last-try", signature.GetProperty("advice").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(1, card.SigningPinTriesLeft);

        var allowed = await service.RunCliAsync(PinLine, "hpki", "check", "--allow-last-try");

        Assert.True(allowed.ExitCode == 0, Explain(allowed));
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.SigningPinTriesLeft);
    }

    private static List<string?> FailedItems(JsonDocument document) =>
        document.RootElement.GetProperty("items").EnumerateArray()
            .Where(item => !item.GetProperty("passed").GetBoolean())
            .Select(item => item.GetProperty("id").GetString())
            .ToList();

    private string Explain(ProgramResult result) =>
        $"exit {result.ExitCode}\n{result.Output}\n{result.Error}\nservice log:\n{service.RecentOutput}";
}
