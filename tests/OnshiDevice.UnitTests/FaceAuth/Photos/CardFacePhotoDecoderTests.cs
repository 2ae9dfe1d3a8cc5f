using CsCheck;
using OnshiDevice.FaceAuth.Photos;
using OnshiDevice.Simulators.MyNumber;
using OpenCvSharp;

namespace OnshiDevice.UnitTests.FaceAuth.Photos;

public sealed class CardFacePhotoDecoderTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void The_simulated_card_photo_becomes_a_240_by_320_greyscale_PNG()
    {
        var png = CardFacePhotoDecoder.ToPng(VirtualMyNumberCards.CardFacePhoto);

        Assert.Equal(PngSignature, png[..8]);
        using var image = Cv2.ImDecode(png, ImreadModes.Unchanged);
        Assert.Equal((240, 320, 1), (image.Width, image.Height, image.Channels()));
    }

    [Fact]
    public void Bytes_that_are_not_JPEG_2000_are_refused_before_decoding()
    {
        var exception = Assert.Throws<PhotoDecodingException>(() => CardFacePhotoDecoder.ToPng([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]));

        Assert.Equal(PhotoDecodingProblem.InvalidPhoto, exception.Problem);
    }

    [Fact]
    public void A_photo_larger_than_a_card_holds_is_refused()
    {
        byte[] huge = [.. VirtualMyNumberCards.CardFacePhoto, .. new byte[CardFacePhotoDecoder.MaxInputLength]];

        Assert.Equal(PhotoDecodingProblem.InvalidPhoto, Assert.Throws<PhotoDecodingException>(() => CardFacePhotoDecoder.ToPng(huge)).Problem);
    }

    [Fact]
    public void A_truncated_photo_is_refused_cleanly()
    {
        var truncated = VirtualMyNumberCards.CardFacePhoto[..40];

        Assert.Equal(PhotoDecodingProblem.InvalidPhoto, Assert.Throws<PhotoDecodingException>(() => CardFacePhotoDecoder.ToPng(truncated)).Problem);
    }

    [Fact]
    public void Garbage_behind_a_JPEG_2000_signature_is_a_PNG_or_a_typed_refusal() =>
        Gen.Byte.Array[0, 400].Sample(rest =>
        {
            byte[] bytes = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. rest];
            try
            {
                Assert.Equal(PngSignature, CardFacePhotoDecoder.ToPng(bytes)[..8]);
            }
            catch (PhotoDecodingException exception)
            {
                Assert.Equal(PhotoDecodingProblem.InvalidPhoto, exception.Problem);
            }
        }, iter: 50);
}
