using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.Simulators.FaceReader.Scenarios;

/// <summary>
/// Plays a scenario's steps on a <see cref="VirtualFaceReader"/>: the patient's and staff's actions as events, the
/// camera's result sent when the host starts the capture, the cable pulled and put back, and each <c>expect</c> waiting for
/// the host to show what the scenario says (skipping other commands, failing at its timeout with what was shown).
/// </summary>
public sealed class ScenarioPlayer
{
    private readonly VirtualFaceReader _reader;
    private readonly IFaceReaderCable? _cable;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;
    private FaceReaderCommand? _pushedBack;

    public ScenarioPlayer(VirtualFaceReader reader, IFaceReaderCable? cable, TextWriter log, TimeProvider? time = null)
    {
        _reader = reader;
        _cable = cable;
        _log = log;
        _time = time ?? TimeProvider.System;

        // The scenario's face steps answer captures, each when the capture comes.
        reader.AnswersCapturesItself = false;
    }

    /// <summary>How long a step that needs the host waits for it to be connected (after a plug-in, for instance).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public async Task PlayAsync(IEnumerable<ScenarioStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            await PlayAsync(step, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task PlayAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        try
        {
            await PlayStepAsync(step, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new ScenarioException(step.Line, e.Message, e);
        }
    }

    private async Task PlayStepAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case PlaceCardStep place:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.PlaceCardAsync(place.CardFaceNumber, cancellationToken).ConfigureAwait(false);
                break;
            case RemoveCardStep:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.RemoveCardAsync(cancellationToken).ConfigureAwait(false);
                break;
            case ChooseStep choose:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.ChooseMethodAsync(choose.Method, cancellationToken).ConfigureAwait(false);
                break;
            case PinStep pin:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.EnterPinAsync(pin.Pin, cancellationToken).ConfigureAwait(false);
                break;
            case FaceStep face:
                await NextMatchingAsync(new ExpectStep(step.Line, ScreenExpectation.FaceCapture, ScenarioParser.DefaultExpectTimeout), cancellationToken).ConfigureAwait(false);
                await _reader.ReportFaceResultAsync(face.Outcome, face.Score, face.Live, cancellationToken).ConfigureAwait(false);
                break;
            case ConsentStep consent:
                await AnswerConsentsAsync(consent, cancellationToken).ConfigureAwait(false);
                break;
            case StaffStep staff:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.PressStaffKeyAsync(staff.Action, cancellationToken).ConfigureAwait(false);
                break;
            case CancelStep:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.CancelAsync(cancellationToken).ConfigureAwait(false);
                break;
            case FaultStep fault:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.ReportFaultAsync(fault.Code, fault.Detail, cancellationToken).ConfigureAwait(false);
                break;
            case UnplugStep:
                Cable(step).Unplug();
                break;
            case PlugInStep:
                await Cable(step).PlugInAsync(cancellationToken).ConfigureAwait(false);
                break;
            case FreezeStep freeze when freeze.Frozen:
                _reader.Freeze();
                break;
            case FreezeStep:
                _reader.Thaw();
                break;
            case GarbageStep garbage:
                await ConnectedAsync(step, cancellationToken).ConfigureAwait(false);
                await _reader.SendGarbageAsync(garbage.Bytes, cancellationToken).ConfigureAwait(false);
                break;
            case WaitStep wait:
                await Task.Delay(wait.Duration, _time, cancellationToken).ConfigureAwait(false);
                break;
            case ExpectStep expect:
                var shown = await NextMatchingAsync(expect, cancellationToken).ConfigureAwait(false);
                await _log.WriteLineAsync($"line {step.Line}: the host showed {Describe(shown)}").ConfigureAwait(false);
                break;
            default:
                throw new ScenarioException(step.Line, $"no player for {step.GetType().Name}");
        }
    }

    private async Task AnswerConsentsAsync(ConsentStep consent, CancellationToken cancellationToken)
    {
        var answered = 0;
        while (true)
        {
            var next = await NextCommandAsync(consent.Line, ScenarioParser.DefaultExpectTimeout, "a consent screen", cancellationToken).ConfigureAwait(false);
            if (next is ShowConsent screen)
            {
                await _reader.AnswerConsentAsync(screen.Topic, consent.Answer, cancellationToken).ConfigureAwait(false);
                answered++;
                if (!consent.All)
                {
                    return;
                }

                continue;
            }

            if (consent.All && answered > 0 && next is not ShowMessage)
            {
                _pushedBack = next;
                return;
            }
        }
    }

    private async Task<FaceReaderCommand> NextMatchingAsync(ExpectStep expect, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        var deadline = _time.GetTimestamp();
        while (true)
        {
            var left = expect.Timeout - _time.GetElapsedTime(deadline);
            FaceReaderCommand next;
            try
            {
                next = await NextCommandAsync(expect.Line, left, expect.Expectation.Text, cancellationToken).ConfigureAwait(false);
            }
            catch (ScenarioException) when (seen.Count > 0)
            {
                throw new ScenarioException(expect.Line, $"expected {expect.Expectation} within {expect.Timeout.TotalMilliseconds:0} ms; the host showed {string.Join(", ", seen)}");
            }

            if (expect.Expectation.Matches(next))
            {
                return next;
            }

            seen.Add(Describe(next));
        }
    }

    private async Task<FaceReaderCommand> NextCommandAsync(int line, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        if (_pushedBack is { } pushed)
        {
            _pushedBack = null;
            return pushed;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        try
        {
            return await _reader.WaitForCommandAsync<FaceReaderCommand>(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScenarioException(line, $"expected {what} within {timeout.TotalMilliseconds:0} ms; the host showed nothing");
        }
    }

    private async Task ConnectedAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectTimeout);
        try
        {
            await _reader.WaitConnectedAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScenarioException(step.Line, $"no host connected within {ConnectTimeout.TotalSeconds:0} s");
        }
    }

    private IFaceReaderCable Cable(ScenarioStep step) =>
        _cable ?? throw new ScenarioException(step.Line, "this reader's cable cannot be pulled here");

    private static string Describe(FaceReaderCommand command) => command switch
    {
        ShowIdle => "idle",
        ShowMessage m => $"message {m.Message}",
        ShowMethodChoice c => "method-choice" + (c.FaceOffered ? " face" : string.Empty) + (c.PinOffered ? " pin" : string.Empty) + (c.PinTriesLeft is { } t ? $" tries={t}" : string.Empty),
        StartFaceCapture => "face-capture",
        ShowConsent c => $"consent {c.Topic}",
        ShowResult r => "result " + (r.Passed ? "passed" : "failed") + " " + r.Message,
        EnterVisualCheckMode => "visual-check-mode",
        ReturnToAutomaticMode => "automatic-mode",
        CancelOperation => "cancel",
        _ => command.GetType().Name,
    };
}
