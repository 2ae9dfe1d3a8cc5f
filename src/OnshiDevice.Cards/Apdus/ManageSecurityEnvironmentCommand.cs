using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>MANAGE SECURITY ENVIRONMENT (INS 22): tells the card which key the next security operation uses.</summary>
public static class ManageSecurityEnvironmentCommand
{
    private const byte Ins = 0x22;

    /// <summary>P1 41: SET for computation (signing).</summary>
    private const byte SetForComputation = 0x41;

    /// <summary>P2 B6: the digital signature template.</summary>
    private const byte DigitalSignatureTemplate = 0xB6;

    /// <summary>Tag 84: reference of a private key.</summary>
    private const byte PrivateKeyReferenceTag = 0x84;

    /// <summary>
    /// 00 22 41 B6 04 84 02 KK KK: SET the digital signature template to the private key
    /// <paramref name="keyReference"/> (the HPKI key EF 00 0C; hpki-card.md A.1.4 step 4).
    /// </summary>
    public static CommandApdu SetSigningKey(ushort keyReference) =>
        new(0x00, Ins, SetForComputation, DigitalSignatureTemplate, new byte[] { PrivateKeyReferenceTag, 0x02, (byte)(keyReference >> 8), (byte)keyReference });
}
