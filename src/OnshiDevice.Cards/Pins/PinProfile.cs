namespace OnshiDevice.Cards.Pins;

/// <summary>
/// What <see cref="PinVerification"/> needs to know of one card's PIN: its format, where it lives
/// (the EF selected before the query, the reference VERIFY names in P2), its counter's maximum, and
/// whether the card always reports the tries left without spending one.
/// </summary>
/// <param name="Name">How messages name the PIN ("JPKI auth PIN"); never its value.</param>
/// <param name="ReportsTriesWithoutSpending">
/// True: the card must answer the data-less VERIFY with its count, and a card that refuses the query
/// is broken (<see cref="Errors.CardProtocolException"/>). False: a refused query leaves the count
/// unknown, and an unknown count may be the last try, so only a request that allows the last try
/// may VERIFY.
/// </param>
public sealed record PinProfile(string Name, PinFormat Format, ushort PinFile, byte VerifyReference, int MaxTries, bool ReportsTriesWithoutSpending);
