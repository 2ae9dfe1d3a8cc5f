using OnshiDevice.Cards.Apdus;
using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards.Apdus;

public sealed class RetryCounterResponseTests
{
    [Theory]
    [InlineData("63C3", RetryCounterOutcome.Counted, 3)]
    [InlineData("63C0", RetryCounterOutcome.Counted, 0)]
    [InlineData("63CF", RetryCounterOutcome.Counted, 15)]
    [InlineData("9000", RetryCounterOutcome.AlreadyVerified, null)]
    [InlineData("6983", RetryCounterOutcome.Blocked, null)]
    [InlineData("6984", RetryCounterOutcome.Blocked, null)]
    [InlineData("6700", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6A86", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6B00", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6D00", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6A80", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6A81", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6A88", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6300", RetryCounterOutcome.QueryRejected, null)]
    [InlineData("6982", RetryCounterOutcome.Unexpected, null)]
    [InlineData("6F00", RetryCounterOutcome.Unexpected, null)]
    public void The_status_word_decides_what_the_query_told(string answer, RetryCounterOutcome outcome, int? triesLeft)
    {
        var response = new RetryCounterResponse(ResponseApdu.Parse(Convert.FromHexString(answer)));

        Assert.Equal(outcome, response.Outcome);
        Assert.Equal(triesLeft, response.TriesLeft);
    }

    [Fact]
    public void Only_a_63Cx_answer_carries_a_count()
    {
        for (var value = 0; value <= ushort.MaxValue; value++)
        {
            var statusWord = StatusWord.FromValue((ushort)value);
            var response = new RetryCounterResponse(new ResponseApdu(ReadOnlyMemory<byte>.Empty, statusWord));

            Assert.True(Enum.IsDefined(response.Outcome));
            Assert.Equal(statusWord.IsVerificationCounter, response.TriesLeft is not null);
        }
    }
}
