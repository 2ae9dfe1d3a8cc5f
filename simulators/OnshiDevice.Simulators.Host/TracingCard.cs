namespace OnshiDevice.Simulators.Host;

/// <summary>Prints each APDU and answer. VERIFY and CHANGE REFERENCE DATA bodies are masked: PINs never reach output.</summary>
internal sealed class TracingCard(IVirtualCard inner, TextWriter output) : IVirtualCard
{
    public byte[] Atr => inner.Atr;

    public void Reset() => inner.Reset();

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        var response = inner.Process(commandApdu);
        output.WriteLine($"  > {Describe(commandApdu)}");
        output.WriteLine($"  < {(response.Length > 34 ? $"{Convert.ToHexString(response, 0, 16)}…({response.Length - 2} bytes) {Convert.ToHexString(response, response.Length - 2, 2)}" : Convert.ToHexString(response))}");
        return response;
    }

    private static string Describe(ReadOnlySpan<byte> apdu)
    {
        var carriesPin = apdu.Length > 5 && apdu[0] == 0x00 && apdu[1] is 0x20 or 0x24;
        if (carriesPin)
        {
            return $"{Convert.ToHexString(apdu[..5])} <{apdu.Length - 5} bytes masked>";
        }

        return apdu.Length > 40 ? $"{Convert.ToHexString(apdu[..24])}…({apdu.Length} bytes)" : Convert.ToHexString(apdu);
    }
}
