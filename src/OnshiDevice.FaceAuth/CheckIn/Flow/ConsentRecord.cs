using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>One consent screen's answer and when the patient gave it.</summary>
public sealed record ConsentRecord(ConsentTopic Topic, ConsentAnswer Answer, DateTimeOffset AnsweredAt);
