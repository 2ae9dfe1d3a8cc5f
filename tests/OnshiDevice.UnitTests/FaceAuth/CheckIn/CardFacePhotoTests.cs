using OnshiDevice.FaceAuth.CheckIn;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CardFacePhotoTests
{
    private static CardFacePhoto Photo(byte[] bytes) =>
        new(bytes, CardFaceSignature.NotChecked, new ChipPresence(ChipKey.CardFaceApplication, new byte[32], new byte[256], DateTimeOffset.UnixEpoch));

    [Fact]
    public void A_copy_before_the_end_has_the_bytes_and_none_is_given_after_it()
    {
        var bytes = new byte[] { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50 };
        var photo = Photo(bytes);

        Assert.True(photo.TryCopy(out var copy));
        photo.Dispose();

        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50 }, copy);
        Assert.All(bytes, b => Assert.Equal(0, b));
        Assert.False(photo.TryCopy(out var late));
        Assert.Empty(late);
        Assert.Throws<ObjectDisposedException>(() => photo.Jpeg2000);
    }

    [Fact]
    public async Task Copies_racing_the_end_are_whole_or_refused_never_partly_wiped()
    {
        for (var round = 0; round < 200; round++)
        {
            var photo = Photo(Enumerable.Repeat((byte)0xAB, 4096).ToArray());
            var copier = Task.Run(() => photo.TryCopy(out var copy) ? copy : null);
            photo.Dispose();

            var copied = await copier;
            Assert.True(copied is null || copied.All(b => b == 0xAB));
        }
    }
}
