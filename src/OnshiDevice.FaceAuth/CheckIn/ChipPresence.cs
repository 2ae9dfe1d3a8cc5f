namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// Proof that the chip was on the reader: a fresh <paramref name="Challenge"/> the host chose and the chip's
/// <paramref name="Signature"/> over it, checked by the host with <paramref name="Key"/>'s public half before this
/// was made. Reception software may check it again (the JPKI auth certificate, or the card-face key).
/// </summary>
public sealed record ChipPresence(ChipKey Key, ReadOnlyMemory<byte> Challenge, ReadOnlyMemory<byte> Signature, DateTimeOffset SignedAt);
