using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>How the patient passed, the chip's proof of presence that came with it, and when.</summary>
internal sealed record Authentication(CheckInMethod Method, ChipPresence ChipPresence, DateTimeOffset At);
