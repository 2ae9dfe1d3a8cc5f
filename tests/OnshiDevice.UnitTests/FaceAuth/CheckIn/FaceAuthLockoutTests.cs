using System.Text;
using OnshiDevice.FaceAuth.CheckIn;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class FaceAuthLockoutTests
{
    [Fact]
    public void A_card_key_is_an_HMAC_that_does_not_hold_the_number_and_differs_between_processes()
    {
        using var number = FlowHarness.Secret("9001013012345");
        var lockout = new FaceAuthLockout();
        var key = lockout.KeyFor(number);

        Assert.Equal(64, key.Length);
        Assert.DoesNotContain("9001013012345", key, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes("9001013012345")), key, StringComparison.Ordinal);
        Assert.Equal(key, lockout.KeyFor(number));
        Assert.NotEqual(key, new FaceAuthLockout().KeyFor(number));
        using var other = FlowHarness.Secret("9001013012346");
        Assert.NotEqual(key, lockout.KeyFor(other));
    }

    [Fact]
    public void Failures_count_in_a_row_per_card_and_a_pass_clears_them()
    {
        var lockout = new FaceAuthLockout();

        Assert.Equal(1, lockout.RecordFailure("A"));
        Assert.Equal(2, lockout.RecordFailure("A"));
        Assert.Equal(1, lockout.RecordFailure("B"));
        lockout.RecordSuccess("A");
        Assert.Equal(0, lockout.FailuresOf("A"));
        Assert.Equal(1, lockout.FailuresOf("B"));
    }
}
