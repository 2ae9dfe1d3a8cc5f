using OnshiDevice.Cards;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// How a reader's check-in flow behaves. Every wait has its bound here; <see cref="Validate"/> refuses a value outside
/// the bounds each property names, so a mistyped setting stops the flow at start instead of making a patient wait forever
/// or be rushed.
/// </summary>
public sealed record CheckInOptions
{
    /// <summary>How long the method screen waits for the patient. 5 s to 10 min; default 60 s.</summary>
    public TimeSpan MethodChoiceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the camera may take to answer. 5 s to 5 min; default 30 s.</summary>
    public TimeSpan FaceCaptureTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the keypad waits for the PIN. 5 s to 10 min; default 60 s.</summary>
    public TimeSpan PinEntryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for 照合番号B from the reader's OCR or from staff. 5 s to 10 min; default 2 min.</summary>
    public TimeSpan CardFaceNumberEntryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long staff have for a visual check, and to come when no method is left. 10 s to 30 min; default 5 min.</summary>
    public TimeSpan StaffVisualCheckTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long each consent screen waits for its answer. 5 s to 10 min; default 60 s.</summary>
    public TimeSpan ConsentScreenTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The deadline of each card call (one transaction). 1 s to 2 min; default 15 s.</summary>
    public TimeSpan CardCallDeadline { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The deadline of each reader command's acknowledgement. 100 ms to 60 s; default 5 s.</summary>
    public TimeSpan ReaderCommandDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the result screen stays before the idle screen. 0 to 30 s; default 3 s.</summary>
    public TimeSpan ResultScreenTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The least face-match score that passes, above 0 and at most 1; default 0.8. No reader's own threshold is published
    /// (face-auth-reader.md §1.5), so it is the host's to set.
    /// </summary>
    public double FaceMatchThreshold { get; init; } = 0.8;

    /// <summary>Whether a face passes only with a passed liveness check; a reader without liveness is then offered no face method. Default true.</summary>
    public bool RequireLiveness { get; init; } = true;

    /// <summary>Consecutive face failures of one card after which face is no longer offered for it in this process. 1 to 100; default 10.</summary>
    public int FaceLockoutAfterFailures { get; init; } = 10;

    /// <summary>The consent screens to show, in this order; each topic at most once; empty shows none. Default: all of <see cref="ConsentTopic"/>.</summary>
    public IReadOnlyList<ConsentTopic> ConsentTopics { get; init; } = Enum.GetValues<ConsentTopic>();

    /// <summary>Whether a PIN typed on the reader may spend the card's last try. Default <see cref="LastTryPolicy.Refuse"/>.</summary>
    public LastTryPolicy PinLastTry { get; init; } = LastTryPolicy.Refuse;

    /// <summary>Whether 照合番号B may spend its last try. Default <see cref="LastTryPolicy.Refuse"/>.</summary>
    public LastTryPolicy CardFaceNumberLastTry { get; init; } = LastTryPolicy.Refuse;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting outside its bounds.</summary>
    public void Validate()
    {
        RequireWithin(MethodChoiceTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), nameof(MethodChoiceTimeout));
        RequireWithin(FaceCaptureTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), nameof(FaceCaptureTimeout));
        RequireWithin(PinEntryTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), nameof(PinEntryTimeout));
        RequireWithin(CardFaceNumberEntryTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), nameof(CardFaceNumberEntryTimeout));
        RequireWithin(StaffVisualCheckTimeout, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30), nameof(StaffVisualCheckTimeout));
        RequireWithin(ConsentScreenTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), nameof(ConsentScreenTimeout));
        RequireWithin(CardCallDeadline, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), nameof(CardCallDeadline));
        RequireWithin(ReaderCommandDeadline, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60), nameof(ReaderCommandDeadline));
        RequireWithin(ResultScreenTime, TimeSpan.Zero, TimeSpan.FromSeconds(30), nameof(ResultScreenTime));

        // Written so that NaN fails too.
        if (!(FaceMatchThreshold > 0 && FaceMatchThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FaceMatchThreshold), FaceMatchThreshold, $"{nameof(FaceMatchThreshold)} must be above 0 and at most 1.");
        }

        if (FaceLockoutAfterFailures is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(FaceLockoutAfterFailures), FaceLockoutAfterFailures, $"{nameof(FaceLockoutAfterFailures)} must be 1 to 100.");
        }

        ArgumentNullException.ThrowIfNull(ConsentTopics, nameof(ConsentTopics));
        foreach (var topic in ConsentTopics)
        {
            if (!Enum.IsDefined(topic))
            {
                throw new ArgumentOutOfRangeException(nameof(ConsentTopics), topic, $"{nameof(ConsentTopics)} holds an unknown topic.");
            }
        }

        if (ConsentTopics.Distinct().Count() != ConsentTopics.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(ConsentTopics), ConsentTopics.Count, $"{nameof(ConsentTopics)} names a topic twice.");
        }

        RequireDefined(PinLastTry, nameof(PinLastTry));
        RequireDefined(CardFaceNumberLastTry, nameof(CardFaceNumberLastTry));
    }

    private static void RequireWithin(TimeSpan value, TimeSpan least, TimeSpan most, string name)
    {
        if (value < least || value > most)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {least} to {most}.");
        }
    }

    private static void RequireDefined(LastTryPolicy value, string name)
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {LastTryPolicy.Refuse} or {LastTryPolicy.Allow}.");
        }
    }
}
