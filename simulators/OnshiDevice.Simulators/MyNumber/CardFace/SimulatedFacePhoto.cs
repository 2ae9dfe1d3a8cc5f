using OpenCvSharp;

namespace OnshiDevice.Simulators.MyNumber.CardFace;

/// <summary>
/// The simulated card's face photo: a drawn greyscale face (head, eyes, nose, mouth) 240×320, JPEG 2000 as the
/// chip stores it, and the tiny 1-bit PNGs standing in for the name, address and security-code images. Drawn once
/// per process on first use: encoding JPEG 2000 costs far more than a card, and a test that never reads the card
/// face never loads OpenCV.
/// </summary>
internal static class SimulatedFacePhoto
{
    public const int Width = 240;
    public const int Height = 320;

    private static readonly Lazy<byte[]> Jpeg2000Photo = new(DrawPhoto);

    /// <summary>The photo (JP2 file format); a fresh copy each call.</summary>
    public static byte[] Jpeg2000 => Jpeg2000Photo.Value.ToArray();

    /// <summary>A 1-bit greyscale PNG of <paramref name="width"/>×<paramref name="height"/> with a few black bars, like a rendered line of text.</summary>
    public static byte[] TextImage(int width, int height)
    {
        using var image = new Mat(height, width, MatType.CV_8UC1, Scalar.All(255));
        for (var x = 2; x + 4 < width; x += 7)
        {
            Cv2.Rectangle(image, new Rect(x, height / 4, 4, height / 2), Scalar.All(0), -1);
        }

        return Encode(".png", image, new ImageEncodingParam(ImwriteFlags.PngBilevel, 1));
    }

    private static byte[] DrawPhoto()
    {
        using var image = new Mat(Height, Width, MatType.CV_8UC1, Scalar.All(225));
        var centre = new Point(Width / 2, Height / 2);
        Cv2.Ellipse(image, centre, new Size(78, 104), 0, 0, 360, Scalar.All(170), -1);
        Cv2.Ellipse(image, new Point(centre.X - 30, centre.Y - 22), new Size(14, 8), 0, 0, 360, Scalar.All(40), -1);
        Cv2.Ellipse(image, new Point(centre.X + 30, centre.Y - 22), new Size(14, 8), 0, 0, 360, Scalar.All(40), -1);
        Cv2.Line(image, new Point(centre.X, centre.Y - 10), new Point(centre.X - 6, centre.Y + 22), Scalar.All(110), 3);
        Cv2.Ellipse(image, new Point(centre.X, centre.Y + 48), new Size(28, 10), 0, 0, 180, Scalar.All(80), 4);
        return Encode(".jp2", image);
    }

    private static byte[] Encode(string extension, Mat image, params ImageEncodingParam[] parameters)
    {
        Cv2.ImEncode(extension, image, out var encoded, parameters);
        return encoded.Length > 0 ? encoded : throw new InvalidOperationException($"OpenCV could not encode the simulated card face's {extension} image.");
    }
}
