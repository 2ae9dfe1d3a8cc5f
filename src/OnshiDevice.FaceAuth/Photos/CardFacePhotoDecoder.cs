using System.Runtime.CompilerServices;
using OpenCvSharp;

namespace OnshiDevice.FaceAuth.Photos;

/// <summary>
/// Turns the card's JPEG 2000 photo (DF27) into a PNG the staff screen shows. OpenCV is touched only inside
/// <see cref="DecodeWithOpenCv"/>, so the service starts, and everything else works, on a machine without its native
/// library; there, decoding fails with one <see cref="PhotoDecodingException"/> that says what to install.
/// Messages name sizes and causes, never image content.
/// </summary>
public static class CardFacePhotoDecoder
{
    /// <summary>A card photo is a few kilobytes; anything past this is not one, and is refused before decoding.</summary>
    public const int MaxInputLength = 64 * 1024;

    /// <summary>A card photo is about 240×320; a header claiming more is refused rather than decoded into memory.</summary>
    public const int MaxSide = 2048;

    /// <summary>What to do when OpenCV's native library does not load; the build carries OpenCV's runtime for Linux only.</summary>
    public static string MissingLibraryAdvice => OperatingSystem.IsLinux()
        ? "OpenCV's native library could not be loaded, so card-face photos cannot be shown. On Debian install the package libgtk-3-0 (apt-get install libgtk-3-0), which the library needs."
        : "OpenCV's native library is not part of this build for this operating system, so card-face photos cannot be shown here.";

    // The JP2 file signature box and the raw J2K codestream's SOC+SIZ markers: the only forms a card holds.
    private static ReadOnlySpan<byte> Jp2Signature => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> CodestreamStart => [0xFF, 0x4F, 0xFF, 0x51];

    /// <summary>The photo as PNG. Bad bytes and a missing native library are <see cref="PhotoDecodingException"/>s.</summary>
    public static byte[] ToPng(ReadOnlySpan<byte> jpeg2000)
    {
        if (jpeg2000.Length > MaxInputLength)
        {
            throw new PhotoDecodingException(PhotoDecodingProblem.InvalidPhoto, $"The photo has {jpeg2000.Length} bytes, more than the {MaxInputLength} a card photo may have.");
        }

        if (!jpeg2000.StartsWith(Jp2Signature) && !jpeg2000.StartsWith(CodestreamStart))
        {
            throw new PhotoDecodingException(PhotoDecodingProblem.InvalidPhoto, "The photo is not JPEG 2000 (neither the JP2 signature nor a J2K codestream start).");
        }

        var input = jpeg2000.ToArray();
        try
        {
            return DecodeWithOpenCv(input);
        }
        catch (Exception exception) when (exception is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            throw new PhotoDecodingException(PhotoDecodingProblem.DecoderUnavailable, MissingLibraryAdvice, exception);
        }
        catch (Exception exception) when (exception is OpenCVException or OpenCvSharpException)
        {
            throw new PhotoDecodingException(PhotoDecodingProblem.InvalidPhoto, "The JPEG 2000 photo is damaged: the decoder refused it.", exception);
        }
        finally
        {
            Array.Clear(input);
        }
    }

    // Not inlined: the JIT resolves OpenCvSharp's types when it compiles this method, inside the caller's try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] DecodeWithOpenCv(byte[] jpeg2000)
    {
        using var image = Cv2.ImDecode(jpeg2000, ImreadModes.Grayscale);
        if (image.Empty())
        {
            throw new PhotoDecodingException(PhotoDecodingProblem.InvalidPhoto, "The JPEG 2000 photo is damaged: the decoder found no image in it.");
        }

        if (image.Width > MaxSide || image.Height > MaxSide)
        {
            throw new PhotoDecodingException(PhotoDecodingProblem.InvalidPhoto, $"The photo is {image.Width}×{image.Height}, larger than a card photo ({MaxSide} a side at most).");
        }

        Cv2.ImEncode(".png", image, out var png);
        return png.Length > 0 ? png : throw new PhotoDecodingException(PhotoDecodingProblem.InvalidPhoto, "The photo decoded, but could not be written as PNG.");
    }
}
