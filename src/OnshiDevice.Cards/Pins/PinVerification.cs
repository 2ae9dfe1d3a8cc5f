using System.Security.Cryptography;
using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Pins;

/// <summary>
/// The one PIN flow of every card: format → status → last-try policy → exactly one VERIFY → outcome.
/// Nothing here retries, and nothing reaches the card before the format is checked.
/// </summary>
internal static class PinVerification
{
    /// <summary>Selects the PIN's EF and asks the tries left with a data-less VERIFY, which spends none.</summary>
    public static PinStatus GetStatus(IApduChannel channel, PinProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(profile);
        new SelectResponse(channel.TransmitChecked(SelectCommand.ByFileId(profile.PinFile), cancellationToken))
            .ThrowIfNotSelected($"the {profile.Name} file ({profile.PinFile:X4})");
        var response = new RetryCounterResponse(channel.TransmitChecked(VerifyCommand.QueryRetryCounter(profile.VerifyReference), cancellationToken));
        return response.Outcome switch
        {
            RetryCounterOutcome.Counted when response.TriesLeft > profile.MaxTries => throw new CardProtocolException(
                $"{profile.Name}: the card answered {response.StatusWord}, {response.TriesLeft} tries left, more than the {profile.MaxTries} it allows."),
            RetryCounterOutcome.Counted => new PinStatus(response.TriesLeft, profile.MaxTries),
            RetryCounterOutcome.AlreadyVerified => new PinStatus(profile.MaxTries, profile.MaxTries),
            RetryCounterOutcome.Blocked => new PinStatus(0, profile.MaxTries),

            // Finding the count out would cost a try, so a card that keeps it to itself leaves it unknown.
            RetryCounterOutcome.QueryRejected when !profile.ReportsTriesWithoutSpending => PinStatus.Unknown(profile.MaxTries),
            RetryCounterOutcome.QueryRejected => throw new CardProtocolException(
                $"{profile.Name}: unexpected status word {response.StatusWord} to the retry-counter query."),
            RetryCounterOutcome.Unexpected => throw UnexpectedStatus.For($"Retry-counter query of the {profile.Name}", response.StatusWord),
            _ => throw new InvalidOperationException($"Unmapped retry-counter outcome {response.Outcome}."),
        };
    }

    /// <summary>
    /// Checks the format, asks the tries left, refuses the last (or an unknown) try unless
    /// <paramref name="lastTryPolicy"/> allows it, then sends exactly one VERIFY. Returns the status
    /// after success; every other outcome is a typed <see cref="CardException"/>.
    /// </summary>
    public static PinStatus Verify(IApduChannel channel, PinProfile profile, string value, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var mayUseLastTry = MayUseLastTry(lastTryPolicy);
        return VerifyEncoded(channel, profile, profile.Format.Encode(value), mayUseLastTry, cancellationToken);
    }

    /// <summary>As the string overload, for a secret a device entered; the entry stays the caller's to dispose.</summary>
    public static PinStatus Verify(IApduChannel channel, PinProfile profile, SecretEntry entry, LastTryPolicy lastTryPolicy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var mayUseLastTry = MayUseLastTry(lastTryPolicy);
        return VerifyEncoded(channel, profile, profile.Format.Encode(entry), mayUseLastTry, cancellationToken);
    }

    // Owns pinBytes from here on: they are wiped whatever happens.
    private static PinStatus VerifyEncoded(IApduChannel channel, PinProfile profile, byte[] pinBytes, bool mayUseLastTry, CancellationToken cancellationToken)
    {
        try
        {
            var status = GetStatus(channel, profile, cancellationToken);
            if (status.IsBlocked)
            {
                throw new PinBlockedException($"The {profile.Name} is blocked.");
            }

            if (!mayUseLastTry && !status.IsKnown)
            {
                throw new LastTryRefusedException(null, $"The card does not tell the tries left of the {profile.Name}, so the next may be the last, and the request does not allow spending it.");
            }

            if (!mayUseLastTry && status.TriesLeft == 1)
            {
                throw new LastTryRefusedException(1, $"The {profile.Name} has one try left and the request does not allow spending it.");
            }

            // The PIN's EF is current since the query; exactly one VERIFY follows, whatever it answers.
            var response = new VerifyResponse(channel.TransmitChecked(VerifyCommand.WithPin(pinBytes, profile.VerifyReference), cancellationToken));
            return response.Outcome switch
            {
                VerifyOutcome.Verified => new PinStatus(profile.MaxTries, profile.MaxTries),
                VerifyOutcome.Incorrect => throw new PinIncorrectException(
                    response.TriesLeft,
                    response.TriesLeft is { } left
                        ? $"The {profile.Name} was incorrect; {left} tries left."
                        : $"The {profile.Name} was incorrect; the card does not tell the tries left."),
                VerifyOutcome.Blocked => throw new PinBlockedException($"The {profile.Name} was incorrect and is now blocked."),
                VerifyOutcome.Rejected => throw UnexpectedStatus.For($"VERIFY of the {profile.Name}", response.StatusWord),
                _ => throw new InvalidOperationException($"Unmapped VERIFY outcome {response.Outcome}."),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pinBytes);
        }
    }

    // Only Allow spends the last try; any other value, defined or not, refuses it.
    private static bool MayUseLastTry(LastTryPolicy policy) => policy switch
    {
        LastTryPolicy.Allow => true,
        LastTryPolicy.Refuse => false,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown last-try policy."),
    };
}
