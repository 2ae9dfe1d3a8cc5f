using System.Text;

namespace OnshiDevice.PcSc.Interop;

/// <summary>
/// PC/SC returns reader lists as a multi-string: names separated by NUL, the list ended by an
/// extra NUL. pcsc-lite and macOS use UTF-8, Windows' W entry points UTF-16.
/// </summary>
internal static class MultiString
{
    public static IReadOnlyList<string> ParseUtf8(ReadOnlySpan<byte> buffer)
    {
        var names = new List<string>();
        while (!buffer.IsEmpty)
        {
            var end = buffer.IndexOf((byte)0);
            var name = end < 0 ? buffer : buffer[..end];
            if (name.IsEmpty)
            {
                break;
            }

            names.Add(Encoding.UTF8.GetString(name));
            buffer = end < 0 ? [] : buffer[(end + 1)..];
        }

        return names;
    }

    public static IReadOnlyList<string> ParseUtf16(ReadOnlySpan<char> buffer)
    {
        var names = new List<string>();
        while (!buffer.IsEmpty)
        {
            var end = buffer.IndexOf('\0');
            var name = end < 0 ? buffer : buffer[..end];
            if (name.IsEmpty)
            {
                break;
            }

            names.Add(new string(name));
            buffer = end < 0 ? [] : buffer[(end + 1)..];
        }

        return names;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="value"/> for a native call.</summary>
    public static byte[] ToNullTerminatedUtf8(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
