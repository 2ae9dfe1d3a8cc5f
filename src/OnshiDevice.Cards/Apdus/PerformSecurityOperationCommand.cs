using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>
/// PERFORM SECURITY OPERATION: COMPUTE DIGITAL SIGNATURE (00 2A 9E 9A) with the key set by MSE. The
/// input is signed as given: the HPKI card applies the raw RSA operation to a block the host padded.
/// </summary>
public static class PerformSecurityOperationCommand
{
    private const byte Ins = 0x2A;

    /// <summary>P1 9E: the response is a digital signature.</summary>
    private const byte DigitalSignatureOut = 0x9E;

    /// <summary>P2 9A: the data field is the input to sign.</summary>
    private const byte DataToSign = 0x9A;

    /// <summary>
    /// 00 2A 9E 9A Lc input Le, with Ne 65536 ("all there is"): one extended APDU 00 2A 9E 9A 00 LL LL
    /// input 00 00, as the reference sends it (hpki-card.md A.1.4 step 6). On a connection that carries
    /// short APDUs only, the channel chains it and asks for 256 bytes, one RSA-2048 signature.
    /// </summary>
    public static CommandApdu ComputeDigitalSignature(ReadOnlyMemory<byte> input)
    {
        if (input.IsEmpty)
        {
            throw new ArgumentException("The input to sign is empty.", nameof(input));
        }

        return new CommandApdu(0x00, Ins, DigitalSignatureOut, DataToSign, input, CommandApdu.MaxExtendedNe);
    }
}
