using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>
/// COMPUTE DIGITAL SIGNATURE (80 2A 00 80): P1 00 = the card pads the input as given (PKCS#1 v1.5 type 1),
/// P2 80 = the key of the current EF. Case 4 short, Le 00.
/// </summary>
public static class ComputeDigitalSignatureCommand
{
    /// <summary>An RSA-2048 signature is 256 bytes, the most a short Le asks for.</summary>
    public const int SignatureLength = 256;

    public static CommandApdu Create(ReadOnlyMemory<byte> digestInfo) => Create(digestInfo, 0x80);

    /// <summary>With another key reference in P2 (00: the 券面事項確認AP's default key, no credential).</summary>
    public static CommandApdu Create(ReadOnlyMemory<byte> digestInfo, byte keyReference)
    {
        if (digestInfo.Length is < 1 or > CommandApdu.MaxShortNc)
        {
            throw new ArgumentException("The input must fit a short APDU.", nameof(digestInfo));
        }

        return new CommandApdu(0x80, 0x2A, 0x00, keyReference, digestInfo, SignatureLength);
    }
}
