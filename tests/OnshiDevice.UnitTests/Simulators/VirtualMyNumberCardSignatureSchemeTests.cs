using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Simulators.MyNumber;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators;

/// <summary>COMPUTE DIGITAL SIGNATURE with each scheme of reference §4.3, checked with the certificate's public key.</summary>
public sealed class VirtualMyNumberCardSignatureSchemeTests
{
    private static readonly byte[] Message = "receipt 2026-12-01 OnshiDevice"u8.ToArray();

    private static byte[] Sha256DigestInfo(byte[] hash) => [.. Bytes("3031300d060960864801650304020105000420"), .. hash];

    public static TheoryData<byte> Schemes => [0x00, 0x01, 0x02, 0x03, 0x04, 0x05];

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Each_scheme_signs_with_the_auth_key_and_the_certificate_verifies_it(byte scheme)
    {
        var card = AuthenticatedCard();
        var input = scheme switch
        {
            0x00 => Sha256DigestInfo(SHA256.HashData(Message)),
            0x02 or 0x04 => SHA256.HashData(Message),
            _ => Message,
        };

        var signature = Sign(card, scheme, input);

        using var certificate = X509CertificateLoader.LoadCertificate(card.AuthCertificate);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.Equal(256, signature.Length);
        switch (scheme)
        {
            case 0x01:
                // The bare hash, PKCS#1 v1.5 type 1 padded without a DigestInfo: .NET has no such scheme, so undo the RSA by hand.
                Assert.Equal(Type1Padded(SHA256.HashData(Message)), PublicOperation(rsa, signature));
                break;
            case 0x04:
            case 0x05:
                Assert.True(rsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
                Assert.False(rsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                break;
            default:
                Assert.True(rsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                break;
        }
    }

    [Fact]
    public void Pss_signatures_use_a_random_salt()
    {
        var card = AuthenticatedCard();
        var hash = SHA256.HashData(Message);

        Assert.NotEqual(Sign(card, 0x04, hash), Sign(card, 0x04, hash));
    }

    [Theory]
    [InlineData(0x05)]
    [InlineData(0x03)]
    public void The_signing_key_signs_with_every_scheme_after_the_password(byte scheme)
    {
        var card = VirtualMyNumberCards.Standard();
        card.Reset();
        card.Send(SelectJpki);
        Assert.Equal("6982", card.Sw($"80 2A {scheme:X2} 9A {Message.Length:X2} {Convert.ToHexString(Message)} 00"));
        Assert.Equal("9000", card.Sw(VerifyCommand(0x9B, VirtualMyNumberCards.SigningPassword)));

        var signature = Sign(card, scheme, Message, key: 0x9A);

        using var certificate = X509CertificateLoader.LoadCertificate(card.SigningCertificate);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, scheme == 0x05 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData(0x02, 31)]
    [InlineData(0x02, 33)]
    [InlineData(0x04, 31)]
    [InlineData(0x04, 51)]
    [InlineData(0x00, 246)]
    public void A_hash_scheme_given_anything_but_32_bytes_or_an_oversized_block_is_refused(byte scheme, int length)
    {
        var card = AuthenticatedCard();

        Assert.Equal("6985", card.Sw($"80 2A {scheme:X2} 97 {length:X2} {new string('A', length * 2)} 00"));
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x03)]
    public void A_message_scheme_refuses_a_message_over_255_bytes(byte scheme)
    {
        var card = AuthenticatedCard();
        var message = new string('B', 256 * 2);

        Assert.Equal("6985", card.Sw($"80 2A {scheme:X2} 97 00 01 00 {message} 01 00"));
        Assert.Equal("9000", card.Sw($"80 2A {scheme:X2} 97 00 00 FF {message[..(255 * 2)]} 01 00"));
    }

    [Theory]
    [InlineData(0x06)]
    [InlineData(0x10)]
    [InlineData(0x80)]
    public void Other_schemes_answer_incorrect_parameters(byte scheme)
    {
        var card = AuthenticatedCard();

        Assert.Equal("6A86", card.Sw($"80 2A {scheme:X2} 97 {Message.Length:X2} {Convert.ToHexString(Message)} 00"));
    }

    private static VirtualMyNumberCard AuthenticatedCard()
    {
        var card = VirtualMyNumberCards.Standard();
        card.Reset();
        card.Send(SelectJpki);
        Assert.Equal("9000", card.Sw(VerifyCommand(0x98, VirtualMyNumberCards.AuthPin)));
        return card;
    }

    private static byte[] Sign(VirtualMyNumberCard card, byte scheme, byte[] input, byte key = 0x97)
    {
        var response = card.Send($"80 2A {scheme:X2} {key:X2} {input.Length:X2} {Convert.ToHexString(input)} 00");
        Assert.Equal("9000", StatusOf(response));
        return DataOf(response);
    }

    private static byte[] Type1Padded(byte[] payload)
    {
        var block = new byte[256];
        block[1] = 0x01;
        block.AsSpan(2, 256 - 3 - payload.Length).Fill(0xFF);
        payload.CopyTo(block, 256 - payload.Length);
        return block;
    }

    private static byte[] PublicOperation(RSA rsa, byte[] signature)
    {
        var parameters = rsa.ExportParameters(false);
        var n = new BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(parameters.Exponent, isUnsigned: true, isBigEndian: true);
        var m = BigInteger.ModPow(new BigInteger(signature, isUnsigned: true, isBigEndian: true), e, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        var block = new byte[256];
        m.CopyTo(block, 256 - m.Length);
        return block;
    }
}
