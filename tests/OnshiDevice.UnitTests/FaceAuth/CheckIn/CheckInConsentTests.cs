using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInConsentTests
{
    [Fact]
    public async Task By_default_every_topic_is_asked_in_order_and_each_answer_recorded_with_its_time()
    {
        await using var flow = new FlowHarness(FlowHarness.Options with { ConsentTopics = Enum.GetValues<ConsentTopic>() });
        await PinPassedAsync(flow);
        var answers = new List<ConsentRecorded>();
        foreach (var topic in Enum.GetValues<ConsentTopic>())
        {
            Assert.Equal(topic, (await flow.Reader.NextAsync<ShowConsent>()).Topic);
            flow.Time.Advance(TimeSpan.FromSeconds(1));
            flow.Reader.Push(new ConsentAnswered(topic, topic == ConsentTopic.Surgery ? ConsentAnswer.Declined : ConsentAnswer.Agreed));
            answers.Add(await flow.NextAsync<ConsentRecorded>());
        }

        var result = (await flow.NextAsync<CheckInCompleted>()).Result;
        Assert.Equal(answers.Select(answer => answer.Consent), result.Consents);
        Assert.Equal(ConsentAnswer.Declined, result.Consents.Single(consent => consent.Topic == ConsentTopic.Surgery).Answer);
        Assert.Equal(Enumerable.Range(1, 6).Select(seconds => result.Times.Authenticated + TimeSpan.FromSeconds(seconds)), result.Consents.Select(consent => consent.AnsweredAt));
    }

    [Fact]
    public async Task An_answer_to_another_topic_or_an_unknown_answer_is_ignored()
    {
        await using var flow = new FlowHarness();
        await PinPassedAsync(flow);
        await flow.Reader.NextAsync<ShowConsent>();
        flow.Reader.Push(new ConsentAnswered(ConsentTopic.HighCostLimit, ConsentAnswer.Agreed));
        flow.Reader.Push(new ConsentAnswered(ConsentTopic.Medication, (ConsentAnswer)9));
        flow.Reader.Push(new ConsentAnswered(ConsentTopic.Medication, ConsentAnswer.Declined));

        var first = await flow.NextAsync<ConsentRecorded>();
        Assert.Equal((ConsentTopic.Medication, ConsentAnswer.Declined), (first.Consent.Topic, first.Consent.Answer));
        Assert.Equal(ConsentTopic.HighCostLimit, (await flow.Reader.NextAsync<ShowConsent>()).Topic);
    }

    [Fact]
    public async Task With_no_topics_configured_no_consent_screen_is_shown()
    {
        await using var flow = new FlowHarness(FlowHarness.Options with { ConsentTopics = [] });
        await PinPassedAsync(flow);

        Assert.Empty((await flow.NextAsync<CheckInCompleted>()).Result.Consents);
        Assert.DoesNotContain(flow.Reader.Sent, command => command is ShowConsent);
    }

    private static async Task PinPassedAsync(FlowHarness flow)
    {
        await flow.PlaceCardAsync();
        flow.Reader.Push(new MethodChosen(CheckInMethod.Pin));
        await flow.NextAsync<CheckInMethodChosen>();
        flow.Reader.Push(new PinEntered(FlowHarness.Secret("1234")));
        await flow.NextAsync<PinResult>();
    }
}
