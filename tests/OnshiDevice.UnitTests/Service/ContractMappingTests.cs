using OnshiDevice.Cards.Hpki;
using OnshiDevice.Cards.Pins;
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
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.PinFormatOf((PinKind)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToDomain((PinKind)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToDomain((KeyKind)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToDomain((CertificateKind)value));
    }

    [Fact]
    public void Each_pin_kind_has_its_own_cards_format()
    {
        Assert.Same(PinFormat.JpkiAuthPin, ContractMapping.PinFormatOf(PinKind.JpkiAuthPin));
        Assert.Same(PinFormat.JpkiSigningPassword, ContractMapping.PinFormatOf(PinKind.JpkiSigningPassword));
        Assert.Same(PinFormat.Hpki, ContractMapping.PinFormatOf(PinKind.HpkiSigningPin));
        Assert.Same(PinFormat.Hpki, ContractMapping.PinFormatOf(PinKind.HpkiAuthPin));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Card_layer_mappings_of_an_undefined_value_are_errors_too(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PinFormat.For((OnshiDevice.Cards.MyNumber.JpkiPin)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnshiDevice.Cards.MyNumber.JpkiFiles.For((OnshiDevice.Cards.MyNumber.JpkiPin)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnshiDevice.Cards.MyNumber.JpkiFiles.For((OnshiDevice.Cards.MyNumber.JpkiKey)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnshiDevice.Cards.MyNumber.JpkiFiles.MaxTries((OnshiDevice.Cards.MyNumber.JpkiPin)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => HpkiFiles.For((HpkiApplication)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractMapping.ToContract((OnshiDevice.Cards.CardType)(value + 10)));
    }
}
