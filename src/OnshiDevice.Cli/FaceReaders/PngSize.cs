using System.Buffers.Binary;

namespace OnshiDevice.Cli.FaceReaders;

/// <summary>
/// The pixel size a PNG states in its IHDR chunk, which the format puts first after the signature: enough to tell
/// staff what the photo is without an image library.
/// </summary>
internal static class PngSize
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Ihdr => "IHDR"u8;

    /// <summary>Width and height in pixels; null when the bytes do not start as a PNG does.</summary>
    public static (uint Width, uint Height)? Of(ReadOnlySpan<byte> png)
    {
        // Signature (8), then the first chunk: length (4, 13 for IHDR), type "IHDR" (4), width (4), height (4).
        if (png.Length < 24 || !png[..8].SequenceEqual(Signature) || !png.Slice(12, 4).SequenceEqual(Ihdr)
            || BinaryPrimitives.ReadUInt32BigEndian(png.Slice(8, 4)) != 13)
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(20, 4));
        return width == 0 || height == 0 ? null : (width, height);
    }
}
