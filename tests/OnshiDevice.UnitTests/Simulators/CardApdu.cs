using OnshiDevice.Simulators;

namespace OnshiDevice.UnitTests.Simulators;

/// <summary>Hex in, hex out: the tests read like the APDU traces in the reference.</summary>
internal static class CardApdu
{
    public const string SelectJpki = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Send(this IVirtualCard card, string hex) => card.Process(Bytes(hex));

    /// <summary>The status word of the answer, as four hex digits.</summary>
    public static string Sw(this IVirtualCard card, string hex) => StatusOf(card.Send(hex));

    public static string StatusOf(byte[] response) => Convert.ToHexString(response.AsSpan(response.Length - 2));

    public static byte[] DataOf(byte[] response) => response[..^2];

    public static string Ascii(string text) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text));

    public static string VerifyCommand(int p2, string pin) =>
        $"00 20 00 {p2:X2} {pin.Length:X2} {Ascii(pin)}";
}
