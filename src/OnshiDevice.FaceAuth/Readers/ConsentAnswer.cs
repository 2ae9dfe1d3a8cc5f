namespace OnshiDevice.FaceAuth.Readers;

public enum ConsentAnswer
{
    /// <summary>同意する.</summary>
    Agreed = 1,

    /// <summary>同意しない.</summary>
    Declined = 2,
}
