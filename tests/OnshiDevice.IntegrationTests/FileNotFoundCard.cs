using OnshiDevice.Simulators;

namespace OnshiDevice.IntegrationTests;

/// <summary>A card that holds no application this service knows: every command answers 6A82 (file not found).</summary>
public sealed class FileNotFoundCard : IVirtualCard
{
    public byte[] Atr { get; } = [0x3B, 0x80, 0x80, 0x01, 0x01];

    public void Reset()
    {
    }

    public byte[] Process(ReadOnlySpan<byte> commandApdu) => [0x6A, 0x82];
}
