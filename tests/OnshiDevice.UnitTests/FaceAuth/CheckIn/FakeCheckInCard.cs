using System.Text;
using System.Threading.Channels;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

/// <summary>
/// A card the test scripts: answers and exceptions per operation, calls that hang until cancelled, and a record of what
/// the flow handed it (each SecretEntry, so a test can check it was wiped; each photo given out, likewise).
/// </summary>
internal sealed class FakeCheckInCard : ICheckInCard
{
    public const string Identify = nameof(IsMyNumberCardAsync);
    public const string PinStatusCall = nameof(GetAuthPinStatusAsync);
    public const string VerifyPin = nameof(VerifyPinAndProveAsync);
    public const string NumberStatus = nameof(GetCardFaceNumberStatusAsync);
    public const string ReadPhoto = nameof(ReadCardFacePhotoAsync);
    public const string ReadCertificate = nameof(ReadAuthCertificateAsync);

    private static readonly byte[] PhotoBytes = [0xFF, 0x4F, 0xFF, 0x51, 0x01, 0x02, 0x03];

    private readonly Channel<string> _started = Channel.CreateUnbounded<string>();
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];

    public bool IsMyNumber { get; set; } = true;

    public PinStatus AuthPinStatus { get; set; } = new(3, 3);

    /// <summary>One answer per VERIFY, in order: null passes, an exception is thrown.</summary>
    public Queue<Exception?> PinAnswers { get; } = new();

    /// <summary>One answer per card-face read, in order: null passes, an exception is thrown.</summary>
    public Queue<Exception?> PhotoAnswers { get; } = new();

    public VerifiedAuthCertificate Certificate { get; set; } = ValidCertificate();

    /// <summary>Operations that throw this exception.</summary>
    public Dictionary<string, Exception> Throws { get; } = [];

    /// <summary>Operations that wait until their token fires (a card that does not answer).</summary>
    public HashSet<string> Hangs { get; } = [];

    /// <summary>When set, a hanging operation ignores its token and waits for <see cref="Release"/>.</summary>
    public bool HangsIgnoreCancellation { get; set; }

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<SecretEntry> PinsGiven { get; } = [];

    public List<string> PinValues { get; } = [];

    public List<SecretEntry> NumbersGiven { get; } = [];

    public List<string> NumberValues { get; } = [];

    public List<LastTryPolicy> PinPolicies { get; } = [];

    public List<LastTryPolicy> NumberPolicies { get; } = [];

    public List<byte[]> Challenges { get; } = [];

    public List<CardFacePhoto> PhotosGiven { get; } = [];

    public int CancelledCalls { get; private set; }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToArray();
            }
        }
    }

    public static byte[] Photo => PhotoBytes.ToArray();

    public static VerifiedAuthCertificate ValidCertificate() => new(
        new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 },
        new VerificationResult(CertificatePurpose.JpkiAuthentication, DateTimeOffset.UnixEpoch, [], [], RevocationStatus.Good, null));

    public static VerifiedAuthCertificate RevokedCertificate() => new(
        new byte[] { 0x30, 0x03, 0x02, 0x01, 0x02 },
        new VerificationResult(
            CertificatePurpose.JpkiAuthentication,
            DateTimeOffset.UnixEpoch,
            [new VerificationFailure(FailureReason.Revoked, "revoked")],
            [],
            RevocationStatus.Revoked,
            null));

    public static bool IsWiped(SecretEntry entry)
    {
        try
        {
            _ = entry.Bytes.Length;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>The next operation the flow started, bounded in real time.</summary>
    public async Task<string> StartedAsync()
    {
        using var bound = new CancellationTokenSource(TestBounds.Wait);
        try
        {
            return await _started.Reader.ReadAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The flow started no card call. Calls: {string.Join(", ", Calls)}");
        }
    }

    /// <summary>Waits until the flow starts <paramref name="operation"/>, skipping others.</summary>
    public async Task StartedAsync(string operation)
    {
        while (await StartedAsync() != operation)
        {
        }
    }

    public async Task<bool> IsMyNumberCardAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(Identify, cancellationToken);
        return IsMyNumber;
    }

    public async Task<PinStatus> GetAuthPinStatusAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(PinStatusCall, cancellationToken);
        return AuthPinStatus;
    }

    public async Task<ChipPresence> VerifyPinAndProveAsync(SecretEntry pin, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            PinsGiven.Add(pin);
            PinValues.Add(Encoding.ASCII.GetString(pin.Bytes));
            PinPolicies.Add(lastTry);
            Challenges.Add(challenge.ToArray());
        }

        await EnterAsync(VerifyPin, cancellationToken);
        if (PinAnswers.TryDequeue(out var answer) && answer is not null)
        {
            throw answer;
        }

        return new ChipPresence(ChipKey.JpkiAuthentication, challenge.ToArray(), new byte[] { 0x5A, 0x01 }, DateTimeOffset.UnixEpoch);
    }

    public async Task<PinStatus> GetCardFaceNumberStatusAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(NumberStatus, cancellationToken);
        return new PinStatus(10, 10);
    }

    public async Task<CardFacePhoto> ReadCardFacePhotoAsync(SecretEntry cardFaceNumber, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            NumbersGiven.Add(cardFaceNumber);
            NumberValues.Add(Encoding.ASCII.GetString(cardFaceNumber.Bytes));
            NumberPolicies.Add(lastTry);
            Challenges.Add(challenge.ToArray());
        }

        await EnterAsync(ReadPhoto, cancellationToken);
        if (PhotoAnswers.TryDequeue(out var answer) && answer is not null)
        {
            throw answer;
        }

        var photo = new CardFacePhoto(
            Photo,
            CardFaceSignature.NotChecked,
            new ChipPresence(ChipKey.CardFaceApplication, challenge.ToArray(), new byte[] { 0x5A, 0x02 }, DateTimeOffset.UnixEpoch));
        lock (_lock)
        {
            PhotosGiven.Add(photo);
        }

        return photo;
    }

    public async Task<VerifiedAuthCertificate> ReadAuthCertificateAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(ReadCertificate, cancellationToken);
        return Certificate;
    }

    private async Task EnterAsync(string operation, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _calls.Add(operation);
        }

        _started.Writer.TryWrite(operation);
        if (Throws.TryGetValue(operation, out var failure))
        {
            throw failure;
        }

        if (Hangs.Contains(operation))
        {
            if (HangsIgnoreCancellation)
            {
                await Release.Task;
                return;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                CancelledCalls++;
                throw;
            }
        }

        await Task.Yield();
    }
}
