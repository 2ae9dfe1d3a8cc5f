using System.Security.Cryptography;
using System.Threading.Channels;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// One check-in, from the card placed to its end, written as the sequence it is. Each wait names its state and has its
/// deadline; <see cref="CheckInEndedException"/> unwinds from any of them to the one end, which wipes the secrets,
/// brings the reader back to idle and reports. Runs on its flow's loop only.
/// </summary>
internal sealed class CheckInRun
{
    private const int ChallengeLength = 32;

    private readonly IFaceAuthReader _reader;
    private readonly ICheckInCard _card;
    private readonly CheckInOptions _options;
    private readonly TimeProvider _time;
    private readonly FaceAuthLockout _lockout;
    private readonly CheckInInputs _inputs;
    private readonly ChannelWriter<CheckInEvent> _events;
    private readonly Guid _id = Guid.NewGuid();
    private readonly List<ConsentRecord> _consents = [];

    private CheckInState _state = CheckInState.IdentifyingCard;
    private SecretEntry? _cardFaceNumber;
    private CardFacePhoto? _photo;
    private string? _cardKey;
    private bool _cardFaceNumberUnusable;
    private int? _lastCardFaceNumberTries;
    private bool _cardFaceNumberWasRefused;
    private PinStatus? _pinStatus;
    private bool _pinRefused;
    private bool _visualCheckAllowed;
    private bool _inVisualCheckMode;
    private bool _cameraRunning;

    public CheckInRun(IFaceAuthReader reader, ICheckInCard card, CheckInOptions options, TimeProvider time, FaceAuthLockout lockout, CheckInInputs inputs, ChannelWriter<CheckInEvent> events)
    {
        _reader = reader;
        _card = card;
        _options = options;
        _time = time;
        _lockout = lockout;
        _inputs = inputs;
        _events = events;
    }

    private FaceReaderCapabilities Capabilities => _reader.Info?.Capabilities ?? FaceReaderCapabilities.None;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var placed = _time.GetUtcNow();
        Emit(new CheckInStarted(_id, placed));
        CheckInEnd end;
        try
        {
            end = await PassAsync(placed, stoppingToken);
        }
        catch (CheckInEndedException ended)
        {
            end = ended.End;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            end = CheckInEnd.Cancelled(CheckInCancelledBy.Service, _state);
        }
        catch (Exception exception)
        {
            end = CheckInEnd.Failed(exception, _state);
        }
        finally
        {
            WipeSecrets();
        }

        await FinishAsync(end, stoppingToken);
    }

    private async Task<CheckInEnd> PassAsync(DateTimeOffset placed, CancellationToken stoppingToken)
    {
        if (!await CardCallAsync(CheckInState.IdentifyingCard, _card.IsMyNumberCardAsync, stoppingToken))
        {
            throw Ended(CheckInFailureReason.NotAMyNumberCard);
        }

        var identified = _time.GetUtcNow();
        _pinStatus = await CardCallAsync(CheckInState.ReadingPinStatus, _card.GetAuthPinStatusAsync, stoppingToken);
        var authentication = await AuthenticateAsync(stoppingToken);
        await AskConsentsAsync(stoppingToken);
        var certificate = await CardCallAsync(CheckInState.ReadingCertificate, _card.ReadAuthCertificateAsync, stoppingToken);
        if (!certificate.Verdict.IsValid)
        {
            throw Ended(CheckInFailureReason.CertificateNotValid);
        }

        var times = new CheckInTimes(placed, identified, authentication.At, _time.GetUtcNow());
        return CheckInEnd.Completed(new CheckInResult(certificate, authentication.Method, authentication.ChipPresence, _consents.ToArray(), times));
    }

    private async Task<Authentication> AuthenticateAsync(CancellationToken stoppingToken)
    {
        _visualCheckAllowed = true;
        try
        {
            return await PatientMethodAsync(stoppingToken);
        }
        catch (VisualCheckRequestedException)
        {
            return await VisualCheckAsync(stoppingToken);
        }
        finally
        {
            _visualCheckAllowed = false;
        }
    }

    /// <summary>The method screen, again after each failed try, until one passes; with no method left, staff are called.</summary>
    private async Task<Authentication> PatientMethodAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var faceOffered = FaceOffered();
            var pinOffered = PinOffered();
            if (!faceOffered && !pinOffered)
            {
                await AwaitStaffAsync(stoppingToken);
            }

            _state = CheckInState.MethodChoice;
            await SendAsync(new ShowMethodChoice(faceOffered, pinOffered, pinOffered ? _pinStatus?.TriesLeft : null), stoppingToken);
            var method = await AwaitMethodAsync(faceOffered, pinOffered, stoppingToken);
            Emit(new CheckInMethodChosen(_id, _time.GetUtcNow(), method));
            var passed = method == CheckInMethod.Face ? await TryFaceAsync(stoppingToken) : await TryPinAsync(stoppingToken);
            if (passed is not null)
            {
                return passed;
            }
        }
    }

    private bool FaceOffered()
    {
        if (_options.RequireLiveness && !Capabilities.HasFlag(FaceReaderCapabilities.Liveness))
        {
            return false;
        }

        if (_photo is null && _cardFaceNumberUnusable)
        {
            return false;
        }

        var cardKey = _cardKey ?? (_cardFaceNumber is { } number ? _lockout.KeyFor(number) : null);
        return cardKey is null || !IsLockedOut(cardKey);
    }

    private bool PinOffered() =>
        Capabilities.HasFlag(FaceReaderCapabilities.PinPad) && _pinStatus is { IsBlocked: false } && !_pinRefused;

    private bool IsLockedOut(string cardKey) => _lockout.FailuresOf(cardKey) >= _options.FaceLockoutAfterFailures;

    /// <summary>
    /// Neither face nor PIN is left: the reader asks for staff, and only a switch to a visual check goes on. Never returns:
    /// the switch, the timeout or an end unwinds it.
    /// </summary>
    private async Task AwaitStaffAsync(CancellationToken stoppingToken)
    {
        _state = CheckInState.AwaitingStaff;
        await SendAsync(new ShowMessage(ReaderMessage.CallStaff), stoppingToken);
        var deadline = DeadlineIn(_options.StaffVisualCheckTimeout);
        while (true)
        {
            Ignore(await NextAsync(CheckInState.AwaitingStaff, deadline, stoppingToken));
        }
    }

    private async Task<CheckInMethod> AwaitMethodAsync(bool faceOffered, bool pinOffered, CancellationToken stoppingToken)
    {
        var deadline = DeadlineIn(_options.MethodChoiceTimeout);
        while (true)
        {
            var input = await NextAsync(CheckInState.MethodChoice, deadline, stoppingToken);
            switch (input?.ReaderEvent)
            {
                case MethodChosen { Method: CheckInMethod.Face } when faceOffered:
                    return CheckInMethod.Face;
                case MethodChosen { Method: CheckInMethod.Pin } when pinOffered:
                    return CheckInMethod.Pin;
                default:
                    Ignore(input);
                    break;
            }
        }
    }

    /// <summary>One face try: the photo (read once per check-in), the camera, the verdict. Null when it did not pass.</summary>
    private async Task<Authentication?> TryFaceAsync(CancellationToken stoppingToken)
    {
        var photo = await ObtainPhotoAsync(forFace: true, stoppingToken);
        if (photo is null)
        {
            return null;
        }

        _state = CheckInState.FaceCapture;
        _cameraRunning = true;
        await SendAsync(new StartFaceCapture(photo.Jpeg2000), stoppingToken);
        var deadline = DeadlineIn(_options.FaceCaptureTimeout);
        FaceCaptured captured;
        while (true)
        {
            var input = await NextAsync(CheckInState.FaceCapture, deadline, stoppingToken);
            if (input?.ReaderEvent is FaceCaptured answer)
            {
                captured = answer;
                break;
            }

            Ignore(input);
        }

        _cameraRunning = false;
        var cardKey = _cardKey!;
        var passed = captured.Outcome == FaceCaptureOutcome.Compared
            && captured.Score >= _options.FaceMatchThreshold
            && (captured.Live || !_options.RequireLiveness);
        var at = _time.GetUtcNow();
        if (passed)
        {
            _lockout.RecordSuccess(cardKey);
            Emit(new FaceResult(_id, at, captured.Outcome, captured.Score, captured.Live, Passed: true, ConsecutiveFailures: 0));
            return new Authentication(CheckInMethod.Face, photo.ChipPresence, at);
        }

        var failures = _lockout.RecordFailure(cardKey);
        Emit(new FaceResult(_id, at, captured.Outcome, captured.Score, captured.Live, Passed: false, failures));
        await SendAsync(new ShowMessage(ReaderMessage.FaceNotRecognised), stoppingToken);
        return null;
    }

    /// <summary>One PIN try: exactly one VERIFY of the entry, never repeated here. Null when it did not pass.</summary>
    private async Task<Authentication?> TryPinAsync(CancellationToken stoppingToken)
    {
        var deadline = DeadlineIn(_options.PinEntryTimeout);
        SecretEntry pin;
        while (true)
        {
            var input = await NextAsync(CheckInState.PinEntry, deadline, stoppingToken);
            if (input?.ReaderEvent is PinEntered entered)
            {
                pin = entered.Pin;
                break;
            }

            Ignore(input);
        }

        var maxTries = _pinStatus!.MaxTries;
        try
        {
            var challenge = RandomNumberGenerator.GetBytes(ChallengeLength);
            var presence = await CardCallAsync(
                CheckInState.VerifyingPin,
                token => _card.VerifyPinAndProveAsync(pin, _options.PinLastTry, challenge, token),
                stoppingToken);
            var at = _time.GetUtcNow();
            Emit(new PinResult(_id, at, SecretCheckOutcome.Verified, null));
            return new Authentication(CheckInMethod.Pin, presence, at);
        }
        catch (PinIncorrectException incorrect)
        {
            _pinStatus = new PinStatus(incorrect.TriesLeft, maxTries);
            await ReportPinAsync(SecretCheckOutcome.Incorrect, incorrect.TriesLeft, ReaderMessage.PinIncorrect, stoppingToken);
        }
        catch (PinBlockedException)
        {
            _pinStatus = new PinStatus(0, maxTries);
            await ReportPinAsync(SecretCheckOutcome.Blocked, 0, ReaderMessage.PinBlocked, stoppingToken);
        }
        catch (LastTryRefusedException refused)
        {
            // The card layer refused it; asking again would be refused again, so the PIN is not offered any more.
            _pinRefused = true;
            await ReportPinAsync(SecretCheckOutcome.LastTryRefused, refused.TriesLeft, ReaderMessage.CallStaff, stoppingToken);
        }
        catch (InvalidPinFormatException)
        {
            await ReportPinAsync(SecretCheckOutcome.InvalidFormat, _pinStatus.TriesLeft, ReaderMessage.PinIncorrect, stoppingToken);
        }
        finally
        {
            pin.Dispose();
        }

        return null;
    }

    private async Task ReportPinAsync(SecretCheckOutcome outcome, int? triesLeft, ReaderMessage message, CancellationToken stoppingToken)
    {
        Emit(new PinResult(_id, _time.GetUtcNow(), outcome, triesLeft));
        await SendAsync(new ShowMessage(message), stoppingToken);
    }

    private async Task<Authentication> VisualCheckAsync(CancellationToken stoppingToken)
    {
        _cameraRunning = false;
        _state = CheckInState.StaffVisualCheck;

        // Set first: should the command fail, the end still sends the reader back to automatic mode.
        _inVisualCheckMode = true;
        await SendAsync(new EnterVisualCheckMode(), stoppingToken);
        Emit(new CheckInMethodChosen(_id, _time.GetUtcNow(), CheckInMethod.VisualCheck));
        var photo = await ObtainPhotoAsync(forFace: false, stoppingToken) ?? throw Ended(CheckInFailureReason.CardFacePhotoUnavailable);
        Emit(new VisualCheckNeeded(_id, _time.GetUtcNow(), photo));
        var deadline = DeadlineIn(_options.StaffVisualCheckTimeout);
        while (true)
        {
            var input = await NextAsync(CheckInState.StaffVisualCheck, deadline, stoppingToken);
            if (input is { ConfirmsIdentity: true })
            {
                var at = _time.GetUtcNow();
                await SendAsync(new ReturnToAutomaticMode(), stoppingToken);
                _inVisualCheckMode = false;
                return new Authentication(CheckInMethod.VisualCheck, photo.ChipPresence, at);
            }

            if (input is { RejectsIdentity: true })
            {
                throw Ended(CheckInFailureReason.IdentityRejected);
            }

            Ignore(input);
        }
    }

    /// <summary>
    /// The card's photo, read once per check-in with 照合番号B. Null when it cannot be had: the number is blocked or its
    /// last try refused, or (for a face try) the card is locked out of face authentication.
    /// </summary>
    private async Task<CardFacePhoto?> ObtainPhotoAsync(bool forFace, CancellationToken stoppingToken)
    {
        while (_photo is null)
        {
            if (_cardFaceNumberUnusable)
            {
                return null;
            }

            await AwaitCardFaceNumberAsync(stoppingToken);
            var number = _cardFaceNumber!;
            var cardKey = _lockout.KeyFor(number);
            if (forFace && IsLockedOut(cardKey))
            {
                // Kept for a visual check, which needs the number too.
                _cardKey = cardKey;
                return null;
            }

            _cardFaceNumber = null;
            try
            {
                var challenge = RandomNumberGenerator.GetBytes(ChallengeLength);
                _photo = await CardCallAsync(
                    CheckInState.ReadingCardFacePhoto,
                    token => _card.ReadCardFacePhotoAsync(number, _options.CardFaceNumberLastTry, challenge, token),
                    stoppingToken);
                _cardKey = cardKey;
                EmitCardFaceNumber(SecretCheckOutcome.Verified, null);
            }
            catch (PinIncorrectException incorrect)
            {
                EmitCardFaceNumber(SecretCheckOutcome.Incorrect, incorrect.TriesLeft);
            }
            catch (InvalidPinFormatException)
            {
                EmitCardFaceNumber(SecretCheckOutcome.InvalidFormat, _lastCardFaceNumberTries);
            }
            catch (PinBlockedException)
            {
                _cardFaceNumberUnusable = true;
                EmitCardFaceNumber(SecretCheckOutcome.Blocked, 0);
            }
            catch (LastTryRefusedException refused)
            {
                _cardFaceNumberUnusable = true;
                EmitCardFaceNumber(SecretCheckOutcome.LastTryRefused, refused.TriesLeft);
            }
            finally
            {
                number.Dispose();
            }
        }

        return forFace && IsLockedOut(_cardKey!) ? null : _photo;
    }

    private void EmitCardFaceNumber(SecretCheckOutcome outcome, int? triesLeft)
    {
        _cardFaceNumberWasRefused |= outcome != SecretCheckOutcome.Verified;
        _lastCardFaceNumberTries = triesLeft ?? _lastCardFaceNumberTries;
        Emit(new CardFaceNumberResult(_id, _time.GetUtcNow(), outcome, triesLeft));
    }

    /// <summary>Waits until 照合番号B is at hand: the reader's OCR may have sent it already; otherwise staff are asked.</summary>
    private async Task AwaitCardFaceNumberAsync(CancellationToken stoppingToken)
    {
        if (_cardFaceNumber is not null)
        {
            return;
        }

        // After a wrong number the reader's OCR would only read the same again, so staff type it.
        var readerCanReadIt = Capabilities.HasFlag(FaceReaderCapabilities.CardFaceOcr) && !_cardFaceNumberWasRefused;
        _state = CheckInState.CardFaceNumberEntry;
        Emit(new CardFaceNumberNeeded(_id, _time.GetUtcNow(), readerCanReadIt));
        await SendAsync(new ShowMessage(readerCanReadIt ? ReaderMessage.PleaseWait : ReaderMessage.CallStaff), stoppingToken);
        var deadline = DeadlineIn(_options.CardFaceNumberEntryTimeout);
        while (_cardFaceNumber is null)
        {
            Ignore(await NextAsync(CheckInState.CardFaceNumberEntry, deadline, stoppingToken));
        }
    }

    private async Task AskConsentsAsync(CancellationToken stoppingToken)
    {
        foreach (var topic in _options.ConsentTopics)
        {
            _state = CheckInState.Consent;
            await SendAsync(new ShowConsent(topic), stoppingToken);
            var deadline = DeadlineIn(_options.ConsentScreenTimeout);
            while (true)
            {
                var input = await NextAsync(CheckInState.Consent, deadline, stoppingToken);
                if (input?.ReaderEvent is ConsentAnswered answered && answered.Topic == topic && Enum.IsDefined(answered.Answer))
                {
                    var consent = new ConsentRecord(topic, answered.Answer, _time.GetUtcNow());
                    _consents.Add(consent);
                    Emit(new ConsentRecorded(_id, consent.AnsweredAt, consent));
                    break;
                }

                Ignore(input);
            }
        }
    }

    /// <summary>
    /// The next input for <paramref name="state"/>, after what every state does alike: the ends (card removed, link
    /// lost, a cancel, a reader fault), 照合番号B kept for when it is needed, the switch to a visual check. Null when
    /// the input was dealt with here. Throws <see cref="CheckInEndedException"/> at <paramref name="deadline"/>.
    /// </summary>
    private async Task<FlowInput?> NextAsync(CheckInState state, DateTimeOffset deadline, CancellationToken stoppingToken)
    {
        _state = state;
        var left = deadline - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            throw Ended(CheckInFailureReason.Timeout);
        }

        FlowInput? input;
        using (var timeout = new CancellationTokenSource(left, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token))
        {
            try
            {
                input = await _inputs.ReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                throw Ended(CheckInFailureReason.Timeout);
            }
        }

        if (input is null)
        {
            throw Ended(CheckInFailureReason.ReaderLinkLost);
        }

        if (EndFor(input) is { } end)
        {
            input.DisposeSecret();
            throw new CheckInEndedException(end);
        }

        if (TryKeepCardFaceNumber(input))
        {
            return null;
        }

        if (input.AsksForVisualCheck && _visualCheckAllowed && !_inVisualCheckMode)
        {
            throw new VisualCheckRequestedException();
        }

        return input;
    }

    /// <summary>Keeps 照合番号B when <paramref name="input"/> brings it; the newest number wins, an older one is wiped.</summary>
    private bool TryKeepCardFaceNumber(FlowInput input)
    {
        var number = input switch
        {
            { ReaderEvent: CardFaceNumberRead read } => read.Number,
            { Staff: EnterCardFaceNumber entered } => entered.Number,
            _ => null,
        };
        if (number is null)
        {
            return false;
        }

        _cardFaceNumber?.Dispose();
        _cardFaceNumber = number;
        return true;
    }

    private CheckInEnd? EndFor(FlowInput input) => input switch
    {
        { ReaderEvent: CardRemoved } => CheckInEnd.Failed(CheckInFailureReason.CardRemoved, _state),
        { ReaderEvent: LinkLost } => CheckInEnd.Failed(CheckInFailureReason.ReaderLinkLost, _state),
        { ReaderEvent: ReaderFault } => CheckInEnd.Failed(CheckInFailureReason.ReaderFault, _state),
        { ReaderEvent: PatientCancelled } => CheckInEnd.Cancelled(CheckInCancelledBy.Patient, _state),
        { Staff: CancelCheckIn } => CheckInEnd.Cancelled(CheckInCancelledBy.Staff, _state),
        _ => null,
    };

    /// <summary>
    /// One card call under its deadline. Meanwhile inputs are watched: an end (card removed, a cancel...) stops the call
    /// at once; anything else is set aside, in order, for the state that follows.
    /// </summary>
    private async Task<T> CardCallAsync<T>(CheckInState state, Func<CancellationToken, Task<T>> call, CancellationToken stoppingToken)
    {
        _state = state;
        using var deadline = new CancellationTokenSource(_options.CardCallDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        var task = call(linked.Token);
        while (!task.IsCompleted)
        {
            using var watch = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
            var newInput = _inputs.WaitForNewAsync(watch.Token).AsTask();
            await Task.WhenAny(task, newInput);
            await watch.CancelAsync();
            if (task.IsCompleted)
            {
                break;
            }

            if (linked.IsCancellationRequested)
            {
                // The call overran its deadline (or the service is stopping) without honouring the token.
                AbandonCall(task);
                stoppingToken.ThrowIfCancellationRequested();
                throw Ended(CheckInFailureReason.CardNotAnswering);
            }

            if (!await newInput)
            {
                await StopCallAsync(task, linked);
                throw Ended(CheckInFailureReason.ReaderLinkLost);
            }

            while (_inputs.TryReadNew(out var input))
            {
                if (EndFor(input) is { } end)
                {
                    input.DisposeSecret();
                    await StopCallAsync(task, linked);
                    throw new CheckInEndedException(end);
                }

                // The number is kept at once, so the method screen after this call already knows the card.
                if (!TryKeepCardFaceNumber(input))
                {
                    _inputs.SetAside(input);
                }
            }
        }

        // What came while the call finished is looked at now, so the screen that follows already knows a number the
        // reader sent meanwhile; an end among them is acted on by the next wait, in its order.
        while (_inputs.TryReadNew(out var input))
        {
            if (!TryKeepCardFaceNumber(input))
            {
                _inputs.SetAside(input);
            }
        }

        try
        {
            return await task;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            throw Ended(CheckInFailureReason.CardNotAnswering);
        }
    }

    /// <summary>Cancels a call the check-in no longer wants and waits for it, at most one more card deadline.</summary>
    private async Task StopCallAsync<T>(Task<T> task, CancellationTokenSource linked)
    {
        await linked.CancelAsync();
        try
        {
            await task.WaitAsync(_options.CardCallDeadline, _time);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException || task.IsFaulted)
        {
            // Its outcome no longer matters: the check-in is ending for another reason.
        }

        AbandonCall(task);
    }

    /// <summary>A photo a call brings back after the check-in gave up on it is wiped all the same.</summary>
    private static void AbandonCall<T>(Task<T> task) =>
        _ = task.ContinueWith(
            static finished =>
            {
                if (finished.IsCompletedSuccessfully && finished.Result is IDisposable secret)
                {
                    secret.Dispose();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>A reader command under its deadline; a refusal or a silent reader ends the check-in.</summary>
    private async Task SendAsync(FaceReaderCommand command, CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource(_options.ReaderCommandDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        try
        {
            await _reader.SendAsync(command, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            throw Ended(CheckInFailureReason.ReaderNotAnswering);
        }
    }

    /// <summary>
    /// The end: the reader back in automatic mode, the result shown, the end reported, then the idle screen. Each command
    /// has its own deadline and may fail (the reader may be the reason for the end); none can hold the loop.
    /// </summary>
    private async Task FinishAsync(CheckInEnd end, CancellationToken stoppingToken)
    {
        _inputs.DropSetAside();
        if (_cameraRunning)
        {
            await SendAtEndAsync(new CancelOperation());
        }

        if (_inVisualCheckMode)
        {
            await SendAtEndAsync(new ReturnToAutomaticMode());
        }

        await SendAtEndAsync(new ShowResult(end.Passed, end.Message));
        Emit(end.ToEvent(_id, _time.GetUtcNow()));
        if (_options.ResultScreenTime > TimeSpan.Zero && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ResultScreenTime, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: straight to idle.
            }
        }

        await SendAtEndAsync(new ShowIdle());
    }

    private async Task SendAtEndAsync(FaceReaderCommand command)
    {
        using var deadline = new CancellationTokenSource(_options.ReaderCommandDeadline, _time);
        try
        {
            await _reader.SendAsync(command, deadline.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or FaceReaderException)
        {
            // The reader is gone or silent; the check-in's end stands, and the next CardPlaced starts afresh.
        }
    }

    private void WipeSecrets()
    {
        _cardFaceNumber?.Dispose();
        _cardFaceNumber = null;
        _photo?.Dispose();
        _photo = null;
    }

    private static void Ignore(FlowInput? input) => input?.DisposeSecret();

    private DateTimeOffset DeadlineIn(TimeSpan timeout) => _time.GetUtcNow() + timeout;

    private CheckInEndedException Ended(CheckInFailureReason reason) => new(CheckInEnd.Failed(reason, _state));

    // The output is unbounded and its one writer is this loop, so a write fails only after the flow completed it.
    private void Emit(CheckInEvent checkInEvent) => _events.TryWrite(checkInEvent);
}
