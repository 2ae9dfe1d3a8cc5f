using CsCheck;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader.Scenarios;

namespace OnshiDevice.UnitTests.Simulators.FaceReader;

public sealed class ScenarioParserTests
{
    [Fact]
    public void A_scenario_reads_into_its_steps_with_their_lines()
    {
        var steps = ScenarioParser.Parse("""
            # a face check-in that passes
            place-card number=55021720352285
            expect method-choice face pin tries=3
            choose face
            face compared score=0.91

            expect face-capture timeout=2000   # the photo goes out
            consents agree
            expect result passed check-in-complete
            remove-card
            """);

        Assert.Equal(
            [
                new PlaceCardStep(2, "55021720352285"),
                new ChooseStep(4, CheckInMethod.Face),
                new FaceStep(5, FaceCaptureOutcome.Compared, 0.91, Live: true),
                new ConsentStep(8, ConsentAnswer.Agreed, All: true),
                new RemoveCardStep(10),
            ],
            steps.Where(s => s is not ExpectStep));
        var expects = steps.OfType<ExpectStep>().ToList();
        Assert.Equal(["method-choice face pin tries=3", "face-capture", "result passed CheckInComplete"], expects.Select(e => e.Expectation.Text));
        Assert.Equal(TimeSpan.FromSeconds(2), expects[1].Timeout);
        Assert.Equal(ScenarioParser.DefaultExpectTimeout, expects[0].Timeout);
    }

    [Fact]
    public void Expectations_match_the_commands_they_name_and_no_others()
    {
        var choice = ScenarioParser.Parse("expect method-choice no-face pin tries=1").OfType<ExpectStep>().Single().Expectation;
        var consent = ScenarioParser.Parse("expect consent high-cost-limit").OfType<ExpectStep>().Single().Expectation;

        Assert.True(choice.Matches(new ShowMethodChoice(false, true, 1)));
        Assert.False(choice.Matches(new ShowMethodChoice(true, true, 1)));
        Assert.False(choice.Matches(new ShowMethodChoice(false, true, 2)));
        Assert.True(consent.Matches(new ShowConsent(ConsentTopic.HighCostLimit)));
        Assert.False(consent.Matches(new ShowConsent(ConsentTopic.Medication)));
    }

    [Theory]
    [InlineData("jump", "line 1: unknown step 'jump'")]
    [InlineData("choose visual", "line 1: choose face or pin, not 'visual'")]
    [InlineData("face compared score=1.5", "line 1: a score is a number from 0 to 1, not '1.5'")]
    [InlineData("face compared live not-live", "line 1: a face is live or not-live, not both")]
    [InlineData("pin", "line 1: 'pin' needs the PIN")]
    [InlineData("pin 12345678901234567", "line 1: the PIN has 1 to 16 printable ASCII characters")]
    [InlineData("wait 60001", "line 1: '60001' is not a number from 0 to 60000")]
    [InlineData("expect message no-such-message", "line 1: 'no-such-message' is not one of please-wait, card-not-readable")]
    [InlineData("expect result maybe", "line 1: expect result passed or failed, not 'maybe'")]
    [InlineData("garbage 7E ZZ", "line 1: 'ZZ' is not a hex byte")]
    [InlineData("remove-card now", "line 1: 'remove-card' does not take 'now'")]
    public void A_bad_line_is_refused_naming_the_line_and_the_problem(string line, string message)
    {
        var refused = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(line));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readmes_example_scenario_parses()
    {
        var readme = RepositoryFiles.ReadAllText("simulators/README.md");
        var start = readme.IndexOf("<!-- face-reader-scenario -->\n```text\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has its example scenario");
        var body = readme[(readme.IndexOf("```text\n", start, StringComparison.Ordinal) + 8)..];
        body = body[..body.IndexOf("```", StringComparison.Ordinal)];

        var steps = ScenarioParser.Parse(body);

        Assert.Equal(12, steps.Count);
        Assert.Contains(steps, s => s is PinStep);
    }

    [Fact]
    public void Every_step_the_readme_lists_is_one_the_parser_takes()
    {
        var readme = RepositoryFiles.ReadAllText("simulators/README.md");
        var table = readme[readme.IndexOf("| Step | What happens |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var verbs = table.Split('\n').Skip(2)
            .SelectMany(row => System.Text.RegularExpressions.Regex.Matches(row.Split(" | ")[0], "`([a-z-]+)").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.Equal(
            ["place-card", "remove-card", "choose", "pin", "face", "consent", "consents", "staff", "cancel", "fault", "unplug", "plug-in", "freeze", "thaw", "garbage", "wait", "expect"],
            verbs);
        Assert.All(verbs, verb => Assert.DoesNotContain("unknown step", Refusal(verb), StringComparison.Ordinal));
    }

    [Fact]
    public void Garbage_and_a_faults_detail_take_the_rest_of_the_line()
    {
        var steps = ScenarioParser.Parse("garbage 7E 00 7D\nfault E42 camera lens covered");

        Assert.Equal(new byte[] { 0x7E, 0x00, 0x7D }, Assert.IsType<GarbageStep>(steps[0]).Bytes);
        Assert.Equal(new FaultStep(2, "E42", "camera lens covered"), steps[1]);
    }

    [Fact]
    public void A_pin_step_does_not_show_the_pin() =>
        Assert.DoesNotContain("4321", new PinStep(1, "4321").ToString(), StringComparison.Ordinal);

    private static string Refusal(string line)
    {
        try
        {
            ScenarioParser.ParseLine(line, 1);
            return string.Empty;
        }
        catch (ScenarioException e)
        {
            return e.Message;
        }
    }

    [Fact]
    public void Any_text_parses_to_steps_or_a_scenario_error_only() =>
        Gen.String[Gen.Char["aceimnprstwxy -=#019.\n"], 0, 200].Sample(text =>
        {
            try
            {
                ScenarioParser.Parse(text);
            }
            catch (ScenarioException)
            {
            }
        });
}
