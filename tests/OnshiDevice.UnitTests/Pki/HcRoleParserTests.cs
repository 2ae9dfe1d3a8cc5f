using CsCheck;
using OnshiDevice.Pki.Hpki;

namespace OnshiDevice.UnitTests.Pki;

public sealed class HcRoleParserTests
{
    /// <summary>The extnValue of the MEDIS test certificate (reference hpki-card.md A.2.3), 54 bytes.</summary>
    private static readonly byte[] GoldenVector = Convert.FromHexString(
        "3034303206062881854200013128312630" + "24a0223120a00c060a2a830886910f01060101a2100c0e4d65646963616c20446f63746f72");

    [Fact]
    public void The_golden_vector_is_a_medical_doctor_in_the_national_scheme()
    {
        Assert.Equal(54, GoldenVector.Length);

        var role = HcRoleParser.Parse(GoldenVector);

        Assert.Equal(new HcRole("1.2.392.100495.1.6.1.1", "Medical Doctor"), role);
    }

    [Fact]
    public void The_test_builder_encodes_the_golden_vector_byte_for_byte()
    {
        Assert.Equal(GoldenVector, TestPki.HcRoleAttributes(HcRole.MedicalDoctor));
    }

    [Fact]
    public void Attributes_without_hc_role_give_null()
    {
        // SEQUENCE { SEQUENCE { OID 2.5.4.3, SET { UTF8String "x" } } }
        Assert.Null(HcRoleParser.Parse(Convert.FromHexString("300C300A060355040331030C0178")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3000")]
    [InlineData("3080")]
    [InlineData("30840FFFFFFF")]
    [InlineData("31023000")]
    [InlineData("300730050603550403")]
    public void Broken_encodings_are_format_errors(string hex)
    {
        Assert.Throws<HcRoleFormatException>(() => HcRoleParser.Parse(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Trailing_bytes_are_a_format_error()
    {
        Assert.Throws<HcRoleFormatException>(() => HcRoleParser.Parse([.. GoldenVector, 0x00]));
    }

    [Fact]
    public void Generated_roles_round_trip() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.Bool, Gen.Int[1, 39], Gen.Int[0, 99999]).Sample((text, withCode, arc, code) =>
        {
            var scheme = $"1.2.392.{arc}.1";
            var encoded = TestPki.HcRoleAttributes(text, scheme, withCode ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);

            Assert.Equal(new HcRole(scheme, text), HcRoleParser.Parse(encoded));
        });

    [Fact]
    public void Random_bytes_are_a_role_null_or_a_format_error() => Gen.Byte.Array[0, 300].Sample(bytes =>
    {
        try
        {
            var role = HcRoleParser.Parse(bytes);
            Assert.True(role is null || role.Text.Length > 0);
        }
        catch (HcRoleFormatException)
        {
        }
    });

    [Fact]
    public void Mutations_of_the_golden_vector_are_a_role_null_or_a_format_error() =>
        Gen.Select(Gen.Int[0, GoldenVector.Length - 1], Gen.Byte, Gen.Int[0, GoldenVector.Length]).Sample((position, value, length) =>
        {
            var mutated = GoldenVector.ToArray();
            mutated[position] = value;
            foreach (var candidate in new[] { mutated, mutated[..length] })
            {
                try
                {
                    HcRoleParser.Parse(candidate);
                }
                catch (HcRoleFormatException)
                {
                }
            }
        });
}
