using System.Globalization;
using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.Simulators.FaceReader.Scenarios;

/// <summary>
/// Reads a face-reader scenario: one step per line, <c>#</c> starts a comment, words are separated by spaces; names of
/// messages and topics are written in kebab case (<c>face-not-recognised</c>, <c>high-cost-limit</c>). The grammar is in
/// simulators/README.md "Face-reader scenarios"; anything else is a <see cref="ScenarioException"/> naming the line.
/// </summary>
public static class ScenarioParser
{
    public const int MaxLineLength = 512;
    public const int MaxSteps = 2000;
    public const int MaxGarbageBytes = 4096;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxExpectTimeout = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan DefaultExpectTimeout = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<ScenarioStep> Parse(string text)
    {
        var steps = new List<ScenarioStep>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (ParseLine(lines[index], index + 1) is { } step)
            {
                if (steps.Count == MaxSteps)
                {
                    throw new ScenarioException(index + 1, $"a scenario has at most {MaxSteps} steps");
                }

                steps.Add(step);
            }
        }

        return steps;
    }

    /// <summary>One line (from a file or typed on stdin); null for a blank line or a comment.</summary>
    public static ScenarioStep? ParseLine(string text, int line)
    {
        if (text.Length > MaxLineLength)
        {
            throw new ScenarioException(line, $"a line has at most {MaxLineLength} characters");
        }

        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var words = (hash >= 0 ? text[..hash] : text).Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var args = new Arguments(words, line);
        ScenarioStep step = words[0] switch
        {
            "place-card" => new PlaceCardStep(line, args.Named("number") is { } n ? Secret(n, line, "number") : null),
            "remove-card" => new RemoveCardStep(line),
            "choose" => new ChooseStep(line, args.Word(1, "face or pin") switch
            {
                "face" => CheckInMethod.Face,
                "pin" => CheckInMethod.Pin,
                var other => throw new ScenarioException(line, $"choose face or pin, not '{other}'"),
            }),
            "pin" => new PinStep(line, Secret(args.Word(1, "the PIN"), line, "PIN")),
            "face" => Face(args, line),
            "consent" => new ConsentStep(line, Answer(args.Word(1, "agree or decline"), line), All: false),
            "consents" => new ConsentStep(line, Answer(args.Word(1, "agree or decline"), line), All: true),
            "staff" => new StaffStep(line, args.Word(1, "visual-check, confirm or reject") switch
            {
                "visual-check" => StaffAction.SwitchToVisualCheck,
                "confirm" => StaffAction.ConfirmIdentity,
                "reject" => StaffAction.RejectIdentity,
                var other => throw new ScenarioException(line, $"staff visual-check, confirm or reject, not '{other}'"),
            }),
            "cancel" => new CancelStep(line),
            "fault" => new FaultStep(line, args.Word(1, "a fault code"), string.Join(' ', words.Skip(2))),
            "unplug" => new UnplugStep(line),
            "plug-in" => new PlugInStep(line),
            "freeze" => new FreezeStep(line, Frozen: true),
            "thaw" => new FreezeStep(line, Frozen: false),
            "garbage" => new GarbageStep(line, Garbage(words.Skip(1).ToArray(), line)),
            "wait" => new WaitStep(line, Milliseconds(args.Word(1, "milliseconds"), MaxWait, line)),
            "expect" => Expect(args, line),
            var other => throw new ScenarioException(line, $"unknown step '{other}'"),
        };

        args.EnsureAllUsed();
        return step;
    }

    private static FaceStep Face(Arguments args, int line)
    {
        var outcome = args.Word(1, "compared, no-face or multiple-faces") switch
        {
            "compared" => FaceCaptureOutcome.Compared,
            "no-face" => FaceCaptureOutcome.NoFace,
            "multiple-faces" => FaceCaptureOutcome.MultipleFaces,
            var other => throw new ScenarioException(line, $"face compared, no-face or multiple-faces, not '{other}'"),
        };
        var score = args.Named("score") is { } s ? Score(s, line) : outcome == FaceCaptureOutcome.Compared ? 0.93 : 0;
        var live = args.Flag("live");
        var notLive = args.Flag("not-live");
        if (live && notLive)
        {
            throw new ScenarioException(line, "a face is live or not-live, not both");
        }

        // A compared face is live unless the scenario says not; the camera reports no liveness without a face.
        live = !notLive && (live || outcome == FaceCaptureOutcome.Compared);
        return new FaceStep(line, outcome, score, live);
    }

    private static ExpectStep Expect(Arguments args, int line)
    {
        var timeout = args.Named("timeout") is { } t ? Milliseconds(t, MaxExpectTimeout, line) : DefaultExpectTimeout;
        var what = args.Word(1, "what the host shows");
        ScreenExpectation expectation = what switch
        {
            "idle" => ScreenExpectation.Idle,
            "face-capture" => ScreenExpectation.FaceCapture,
            "visual-check-mode" => ScreenExpectation.VisualCheckMode,
            "automatic-mode" => ScreenExpectation.AutomaticMode,
            "message" => ScreenExpectation.Message(Named<ReaderMessage>(args.Word(2, "a message"), line)),
            "method-choice" => ScreenExpectation.MethodChoice(
                args.Flag("face") ? true : args.Flag("no-face") ? false : null,
                args.Flag("pin") ? true : args.Flag("no-pin") ? false : null,
                args.Named("tries") is { } tries ? Number(tries, 0, 15, line) : null),
            "consent" => ScreenExpectation.Consent(args.Optional(2) is { } topic ? Named<ConsentTopic>(topic, line) : null),
            "result" => ScreenExpectation.Result(
                args.Word(2, "passed or failed") switch
                {
                    "passed" => true,
                    "failed" => false,
                    var other => throw new ScenarioException(line, $"expect result passed or failed, not '{other}'"),
                },
                args.Optional(3) is { } message ? Named<ReaderMessage>(message, line) : null),
            var other => throw new ScenarioException(line, $"cannot expect '{other}'"),
        };
        return new ExpectStep(line, expectation, timeout);
    }

    private static ConsentAnswer Answer(string word, int line) => word switch
    {
        "agree" => ConsentAnswer.Agreed,
        "decline" => ConsentAnswer.Declined,
        _ => throw new ScenarioException(line, $"agree or decline, not '{word}'"),
    };

    /// <summary>A PIN or 照合番号B as a scenario gives it: ASCII, within what the reader's protocol carries.</summary>
    private static string Secret(string value, int line, string what)
    {
        if (value.Length is 0 or > SecretEntry.MaxLength || value.Any(c => c is < '!' or > '~'))
        {
            throw new ScenarioException(line, $"the {what} has 1 to {SecretEntry.MaxLength} printable ASCII characters");
        }

        return value;
    }

    private static TEnum Named<TEnum>(string kebab, int line)
        where TEnum : struct, Enum
    {
        var name = string.Concat(kebab.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
        if (Enum.TryParse<TEnum>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(name, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        var known = string.Join(", ", Enum.GetNames<TEnum>().Select(Kebab));
        throw new ScenarioException(line, $"'{kebab}' is not one of {known}");
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static double Score(string text, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 1
            ? score
            : throw new ScenarioException(line, $"a score is a number from 0 to 1, not '{text}'");

    private static int Number(string text, int min, int max, int line) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ScenarioException(line, $"'{text}' is not a number from {min} to {max}");

    private static TimeSpan Milliseconds(string text, TimeSpan max, int line) =>
        TimeSpan.FromMilliseconds(Number(text, 0, (int)max.TotalMilliseconds, line));

    private static byte[] Garbage(string[] hex, int line)
    {
        if (hex.Length is 0 or > MaxGarbageBytes)
        {
            throw new ScenarioException(line, $"garbage takes 1 to {MaxGarbageBytes} hex bytes");
        }

        return hex.Select(h => h.Length == 2 && byte.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b)
            ? b
            : throw new ScenarioException(line, $"'{h}' is not a hex byte")).ToArray();
    }

    /// <summary>A line's words after the verb: positional words, <c>name=value</c> pairs and flags, each taken at most once.</summary>
    private sealed class Arguments(string[] words, int line)
    {
        private readonly bool[] _used = new bool[words.Length];

        public string Word(int index, string what)
        {
            return Optional(index) ?? throw new ScenarioException(line, $"'{words[0]}' needs {what}");
        }

        public string? Optional(int index)
        {
            _used[0] = true;
            if (index >= words.Length || words[index].Contains('=', StringComparison.Ordinal))
            {
                return null;
            }

            _used[index] = true;
            return words[index];
        }

        public string? Named(string name)
        {
            for (var i = 1; i < words.Length; i++)
            {
                if (words[i].StartsWith(name + "=", StringComparison.Ordinal))
                {
                    _used[i] = true;
                    return words[i][(name.Length + 1)..];
                }
            }

            return null;
        }

        public bool Flag(string name)
        {
            for (var i = 1; i < words.Length; i++)
            {
                if (words[i] == name && !_used[i])
                {
                    _used[i] = true;
                    return true;
                }
            }

            return false;
        }

        public void EnsureAllUsed()
        {
            _used[0] = true;
            // A fault's detail and garbage's bytes are the rest of the line, taken whole.
            if (words[0] is "fault" or "garbage")
            {
                return;
            }

            for (var i = 1; i < words.Length; i++)
            {
                if (!_used[i])
                {
                    throw new ScenarioException(line, $"'{words[0]}' does not take '{words[i]}'");
                }
            }
        }
    }
}
