using System.Diagnostics;
using System.Globalization;
using OnshiDevice.FaceAuth.Photos;
using OnshiDevice.Simulators.MyNumber;
using OpenCvSharp;

namespace OnshiDevice.Benchmarks.FaceReader;

/// <summary>
/// `photo [rounds]`: the staff visual check's cost of the card photo: the simulated card's JPEG 2000 (240×320 greyscale)
/// to PNG through <see cref="CardFacePhotoDecoder"/>, beside the same image decoded from PNG and from baseline JPEG by
/// the same OpenCV build in the same run, and the first use of OpenCV in the process (the native library's load).
/// </summary>
internal static class PhotoDecodeBenchmark
{
    public static int Run(int rounds)
    {
        var load = Stopwatch.StartNew();
        var jpeg2000 = VirtualMyNumberCards.CardFacePhoto;
        var loadMs = load.Elapsed.TotalMilliseconds;
        var first = Stopwatch.StartNew();
        var png = CardFacePhotoDecoder.ToPng(jpeg2000);
        var firstMs = first.Elapsed.TotalMilliseconds;

        using var image = Cv2.ImDecode(png, ImreadModes.Unchanged);
        Cv2.ImEncode(".jpg", image, out var jpeg);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"card photo {image.Width}x{image.Height}, JPEG 2000 {jpeg2000.Length} bytes, PNG {png.Length} bytes, JPEG {jpeg.Length} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OpenCV's load and the simulator drawing the photo: {loadMs:0.0} ms; the first decode after it: {firstMs:0.0} ms"));
        Console.WriteLine($"{"step",-44} {"median ms",10} {"p99 ms",8}");
        Print("JPEG 2000 to PNG (CardFacePhotoDecoder)", Time(rounds, () => CardFacePhotoDecoder.ToPng(jpeg2000)));
        Print("baseline: PNG decode (same image)", Time(rounds, () => Cv2.ImDecode(png, ImreadModes.Unchanged).Dispose()));
        Print("baseline: JPEG decode (same image)", Time(rounds, () => Cv2.ImDecode(jpeg, ImreadModes.Unchanged).Dispose()));
        return 0;
    }

    private static double[] Time(int rounds, Action step)
    {
        for (var warm = 0; warm < Math.Min(50, rounds); warm++)
        {
            step();
        }

        var times = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            step();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static void Print(string what, double[] sorted) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-44} {sorted[sorted.Length / 2],10:0.000} {sorted[(int)(sorted.Length * 0.99)],8:0.000}"));
}
