namespace OnshiDevice.UnitTests.Cards;

/// <summary>The exact APDU bytes the JPKI AP code is expected to send, written out by hand from the reference.</summary>
internal static class JpkiApdus
{
    public const string SelectJpki = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01";
    public const string SelectAuthCert = "00 A4 02 0C 02 00 0A";
    public const string SelectAuthCaCert = "00 A4 02 0C 02 00 0B";
    public const string SelectSigningCert = "00 A4 02 0C 02 00 01";
    public const string SelectSigningCaCert = "00 A4 02 0C 02 00 02";
    public const string SelectAuthPin = "00 A4 02 0C 02 00 18";
    public const string SelectSigningPassword = "00 A4 02 0C 02 00 1B";
    public const string SelectAuthKey = "00 A4 02 0C 02 00 17";
    public const string SelectSigningKey = "00 A4 02 0C 02 00 1A";
    public const string ReadExtended = "00 B0 00 00 00 00 00";
    public const string QueryRetryCounter = "00 20 00 80";
    public const string Ok = "90 00";
    public const string DigestInfoSha256Prefix = "30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20";

    /// <summary>READ BINARY with a short Le (256 → 00).</summary>
    public static string ReadShort(int offset, int ne) => $"00 B0 {offset >> 8:X2} {offset & 0xFF:X2} {ne & 0xFF:X2}";

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
