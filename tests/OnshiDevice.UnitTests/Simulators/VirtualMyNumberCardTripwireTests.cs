using OnshiDevice.Simulators.MyNumber;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators;

/// <summary>The card records every access the product must never make, whatever it answers.</summary>
public sealed class VirtualMyNumberCardTripwireTests
{
    private const string SelectTextInputSupport = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08";
    private const string SelectJuki = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01";
    private const string SelectCardFace = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02";

    [Theory]
    [InlineData(SelectTextInputSupport, "SELECT of the 券面事項入力補助AP")]
    [InlineData("00 A4 04 00 0A D3 92 10 00 31 00 01 01 04 08 00", "SELECT of the 券面事項入力補助AP")]
    [InlineData(SelectJuki, "SELECT of the 住基AP")]
    public void Selecting_a_forbidden_application_is_recorded(string select, string what)
    {
        var card = PoweredStandard();

        card.Send(select);

        var violation = Assert.Single(card.PrivacyViolations);
        Assert.Equal(what, violation.What);
        Assert.Equal(Convert.ToHexString(Bytes(select)), violation.CommandApdu);
    }

    [Theory]
    [InlineData("00 A4 02 0C 02 00 01", "00 B0 00 00 11", "READ of the 個人番号 (券面事項入力補助AP EF 0001)")]
    [InlineData("00 A4 02 0C 02 00 02", "00 B0 00 00 00", "READ of the basic four facts (券面事項入力補助AP EF 0002)")]
    [InlineData("", "00 B0 81 03 0C", "READ of the 個人番号 (券面事項入力補助AP EF 0001)")]
    public void Reading_the_my_number_or_the_basic_four_facts_is_recorded_even_when_refused(string selectEf, string read, string what)
    {
        var card = PoweredStandard();
        card.Send(SelectTextInputSupport);
        if (selectEf.Length > 0)
        {
            card.Send(selectEf);
        }

        Assert.Equal("6982", card.Sw(read));

        Assert.Equal(["SELECT of the 券面事項入力補助AP", what], card.PrivacyViolations.Select(violation => violation.What));
    }

    [Fact]
    public void The_card_face_ap_records_a_read_of_the_rendered_my_number_and_a_verify_with_it()
    {
        var card = PoweredStandard();
        Assert.Equal("9000", card.Sw(SelectCardFace));
        Assert.Empty(card.PrivacyViolations);

        card.Send("00 A4 02 0C 02 00 05");
        card.Send("00 B0 00 00 00");
        card.Send(VerifyCommand(0x93, "123456789012"));

        Assert.Equal(
            ["READ of the rendered 個人番号 (券面事項確認AP EF 0005)", "VERIFY with 照合番号A (the 個人番号)"],
            card.PrivacyViolations.Select(violation => violation.What));
    }

    [Fact]
    public void Everything_the_product_does_on_the_jpki_ap_records_nothing()
    {
        var card = PoweredStandard();
        card.Send(SelectJpki);
        card.Send("00 A4 02 0C 02 00 0A");
        card.Send("00 B0 00 00 00");
        card.Send(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword));
        card.Send("00 A4 02 0C 02 00 01");
        card.Send("00 B0 00 00 00");
        card.Send("00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00");
        card.Send("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 02");

        Assert.Empty(card.PrivacyViolations);
    }

    [Fact]
    public void Violations_also_reach_the_process_wide_record_once()
    {
        var card = PoweredStandard();
        card.Send(SelectJuki);

        // Other tests may run at the same time; this card's violation is among those taken, exactly once.
        var command = Convert.ToHexString(Bytes(SelectJuki));
        var taken = PrivacyTripwire.TakeRecorded();
        Assert.Contains(taken, violation => ReferenceEquals(violation, card.PrivacyViolations[0]));
        Assert.DoesNotContain(PrivacyTripwire.TakeRecorded(), violation => ReferenceEquals(violation, card.PrivacyViolations[0]));
        Assert.Equal(command, card.PrivacyViolations[0].CommandApdu);
    }

    private static VirtualMyNumberCard PoweredStandard()
    {
        var card = VirtualMyNumberCards.Standard();
        card.Reset();
        return card;
    }
}
