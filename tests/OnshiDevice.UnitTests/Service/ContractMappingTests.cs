using OnshiDevice.Cards.Hpki;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Cards;

namespace OnshiDevice.UnitTests.Service;

/// <summary>No security mapping has a default arm: every contract value maps explicitly, anything else is an error.</summary>
public sealed class ContractMappingTests
{
    public static TheoryData<KeyKind, PinKind, HpkiApplication?> Keys => new()
    {
        { KeyKind.JpkiAuthKey, PinKind.JpkiAuthPin, null },
        { KeyKind.JpkiSigningKey, PinKind.JpkiSigningPassword, null },
        { KeyKind.HpkiSigningKey, PinKind.HpkiSigningPin, HpkiApplication.Signing },
        { KeyKind.HpkiAuthKey, PinKind.HpkiAuthPin, HpkiApplication.Authentication },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_has_its_own_pin_and_application(KeyKind key, PinKind pin, HpkiApplication? application)
    {
        Assert.Equal(pin, ContractMapping.PinFor(key));
        Assert.Equal(application, ContractMapping.HpkiApplicationOf(key));
        Assert.Equal(application, ContractMapping.HpkiApplicationOf(pin));
    }

    [Fact]
    public void Every_defined_value_maps_without_a_default_arm()
    {
        foreach (var key in Enum.GetValues<KeyKind>().Where(value => value != KeyKind.Unspecified))
        {
            ContractMapping.PinFor(key);
            ContractMapping.HpkiApplicationOf(key);
        }

        foreach (var kind in Enum.GetValues<CertificateKind>().Where(value => value != CertificateKind.Unspecified))
        {
            ContractMapping.HpkiApplicationOf(kind);
        }

        foreach (var type in Enum.GetValues<OnshiDevice.Cards.CardType>())
        {
            ContractMapping.ToContract(type);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void An_unspecified_or_unknown_value_is_an_error_not_some_pin(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.PinFor((KeyKind)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.HpkiApplicationOf((KeyKind)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.HpkiApplicationOf((PinKind)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.HpkiApplicationOf((CertificateKind)value));
    }
}
