namespace OnshiDevice.UnitTests.Cards.Hpki;

/// <summary>The exact APDU bytes the HPKI card code is expected to send, written out by hand from hpki-card.md A.1.</summary>
internal static class HpkiApdus
{
    public const string SelectHpkiSigning = "00 A4 04 00 10 E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 01 00";
    public const string SelectHpkiAuthentication = "00 A4 04 00 10 E8 28 BD 08 0F A0 00 00 03 91 00 00 00 00 00 02 00";
    public const string SelectPinEf = "00 A4 02 0C 02 00 02";
    public const string SelectKeyEf = "00 A4 02 0C 02 00 0C";
    public const string SelectCertificateEf = "00 A4 02 0C 02 00 16";
    public const string QueryRetryCounter = "00 20 00 88";
    public const string MseSetKey000C = "00 22 41 B6 04 84 02 00 0C";
    public const string Ok = "90 00";
    public const string DigestInfoSha256Prefix = "30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20";

    /// <summary>VERIFY P2 88 with the PIN as ASCII.</summary>
    public static string Verify(string pin) => $"00 20 00 88 {pin.Length:X2} {Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(pin))}";

    /// <summary>00 01, 202 bytes FF, 00, then the 51-byte DigestInfo: 256 bytes, written out independently of the product code.</summary>
    public static string PaddedBlock(ReadOnlySpan<byte> digest) =>
        "00 01 " + string.Concat(Enumerable.Repeat("FF ", 256 - 3 - 51)) + "00 " + DigestInfoSha256Prefix + " " + Convert.ToHexString(digest);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
