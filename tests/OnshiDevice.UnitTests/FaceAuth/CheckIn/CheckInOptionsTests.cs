using OnshiDevice.Cards;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

public sealed class CheckInOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_ask_every_consent_refuse_the_last_tries_and_lock_face_after_ten()
    {
        var options = new CheckInOptions();
        options.Validate();

        Assert.Equal(Enum.GetValues<ConsentTopic>(), options.ConsentTopics);
        Assert.Equal(LastTryPolicy.Refuse, options.PinLastTry);
        Assert.Equal(LastTryPolicy.Refuse, options.CardFaceNumberLastTry);
        Assert.Equal(10, options.FaceLockoutAfterFailures);
        Assert.Equal(0.8, options.FaceMatchThreshold);
        Assert.True(options.RequireLiveness);
    }

    public static TheoryData<CheckInOptions, string> OutOfBounds => new()
    {
        { new() { MethodChoiceTimeout = TimeSpan.FromSeconds(4) }, nameof(CheckInOptions.MethodChoiceTimeout) },
        { new() { MethodChoiceTimeout = TimeSpan.FromMinutes(11) }, nameof(CheckInOptions.MethodChoiceTimeout) },
        { new() { FaceCaptureTimeout = TimeSpan.Zero }, nameof(CheckInOptions.FaceCaptureTimeout) },
        { new() { FaceCaptureTimeout = TimeSpan.FromMinutes(6) }, nameof(CheckInOptions.FaceCaptureTimeout) },
        { new() { PinEntryTimeout = TimeSpan.FromSeconds(-1) }, nameof(CheckInOptions.PinEntryTimeout) },
        { new() { CardFaceNumberEntryTimeout = TimeSpan.FromMinutes(11) }, nameof(CheckInOptions.CardFaceNumberEntryTimeout) },
        { new() { StaffVisualCheckTimeout = TimeSpan.FromSeconds(9) }, nameof(CheckInOptions.StaffVisualCheckTimeout) },
        { new() { ConsentScreenTimeout = TimeSpan.FromSeconds(4) }, nameof(CheckInOptions.ConsentScreenTimeout) },
        { new() { CardCallDeadline = TimeSpan.FromMilliseconds(999) }, nameof(CheckInOptions.CardCallDeadline) },
        { new() { CardCallDeadline = Timeout.InfiniteTimeSpan }, nameof(CheckInOptions.CardCallDeadline) },
        { new() { ReaderCommandDeadline = TimeSpan.FromMilliseconds(99) }, nameof(CheckInOptions.ReaderCommandDeadline) },
        { new() { ResultScreenTime = TimeSpan.FromSeconds(31) }, nameof(CheckInOptions.ResultScreenTime) },
        { new() { FaceMatchThreshold = 0 }, nameof(CheckInOptions.FaceMatchThreshold) },
        { new() { FaceMatchThreshold = 1.01 }, nameof(CheckInOptions.FaceMatchThreshold) },
        { new() { FaceMatchThreshold = double.NaN }, nameof(CheckInOptions.FaceMatchThreshold) },
        { new() { FaceLockoutAfterFailures = 0 }, nameof(CheckInOptions.FaceLockoutAfterFailures) },
        { new() { FaceLockoutAfterFailures = 101 }, nameof(CheckInOptions.FaceLockoutAfterFailures) },
        { new() { ConsentTopics = [ConsentTopic.Medication, ConsentTopic.Medication] }, nameof(CheckInOptions.ConsentTopics) },
        { new() { ConsentTopics = [(ConsentTopic)99] }, nameof(CheckInOptions.ConsentTopics) },
        { new() { PinLastTry = (LastTryPolicy)7 }, nameof(CheckInOptions.PinLastTry) },
        { new() { CardFaceNumberLastTry = (LastTryPolicy)7 }, nameof(CheckInOptions.CardFaceNumberLastTry) },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void A_value_outside_its_bounds_is_refused_naming_the_setting(CheckInOptions options, string setting)
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(setting, refused.ParamName);
        Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bounds_themselves_are_allowed()
    {
        new CheckInOptions
        {
            MethodChoiceTimeout = TimeSpan.FromSeconds(5),
            FaceCaptureTimeout = TimeSpan.FromMinutes(5),
            StaffVisualCheckTimeout = TimeSpan.FromSeconds(10),
            CardCallDeadline = TimeSpan.FromSeconds(1),
            ReaderCommandDeadline = TimeSpan.FromMilliseconds(100),
            ResultScreenTime = TimeSpan.Zero,
            FaceMatchThreshold = 1,
            FaceLockoutAfterFailures = 1,
            ConsentTopics = [],
        }.Validate();
    }

    [Fact]
    public async Task A_flow_refuses_options_outside_their_bounds_before_it_runs()
    {
        await using var reader = new ScriptedFaceReader();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CheckInFlow(reader, new FakeCheckInCard(), new CheckInOptions { FaceLockoutAfterFailures = 0 }, new FaceAuthLockout(), TimeProvider.System));
    }
}
