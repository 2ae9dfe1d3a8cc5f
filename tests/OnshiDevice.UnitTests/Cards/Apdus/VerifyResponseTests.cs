using OnshiDevice.Cards.Apdus;
using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards.Apdus;

public sealed class VerifyResponseTests
{
    [Theory]
    [InlineData("9000", VerifyOutcome.Verified, null)]
    [InlineData("63C2", VerifyOutcome.Incorrect, 2)]
    [InlineData("63CF", VerifyOutcome.Incorrect, 15)]
    [InlineData("63C1", VerifyOutcome.Incorrect, 1)]
    [InlineData("6300", VerifyOutcome.Incorrect, null)]
    [InlineData("63C0", VerifyOutcome.Blocked, null)]
    [InlineData("6983", VerifyOutcome.Blocked, null)]
    [InlineData("6984", VerifyOutcome.Blocked, null)]
    [InlineData("6982", VerifyOutcome.Rejected, null)]
    [InlineData("6A88", VerifyOutcome.Rejected, null)]
    [InlineData("6700", VerifyOutcome.Rejected, null)]
    [InlineData("6A86", VerifyOutcome.Rejected, null)]
    [InlineData("6F00", VerifyOutcome.Rejected, null)]
    [InlineData("6310", VerifyOutcome.Rejected, null)]
    public void The_status_word_decides_the_outcome(string answer, VerifyOutcome outcome, int? triesLeft)
    {
        var response = new VerifyResponse(ResponseApdu.Parse(Convert.FromHexString(answer)));

        Assert.Equal(outcome, response.Outcome);
        Assert.Equal(triesLeft, response.TriesLeft);
        Assert.Equal(answer, response.StatusWord.ToString());
    }

    [Fact]
    public void Every_status_word_has_one_outcome_and_only_a_wrong_pin_carries_a_count()
    {
        for (var value = 0; value <= ushort.MaxValue; value++)
        {
            var response = new VerifyResponse(new ResponseApdu(ReadOnlyMemory<byte>.Empty, StatusWord.FromValue((ushort)value)));

            Assert.True(Enum.IsDefined(response.Outcome));
            Assert.True(response.TriesLeft is null || response.Outcome == VerifyOutcome.Incorrect);
            Assert.True(response.Outcome != VerifyOutcome.Verified || value == 0x9000);
        }
    }
}
