namespace OnshiDevice.FaceAuth.Photos;

public enum PhotoDecodingProblem
{
    /// <summary>The bytes are not a JPEG 2000 image this decoder reads (wrong signature, damaged, too large).</summary>
    InvalidPhoto = 1,

    /// <summary>OpenCV's native library is missing or cannot load: a set-up problem of the machine, not of the card.</summary>
    DecoderUnavailable = 2,
}
