namespace OnshiDevice.Simulators.FaceReader;

public enum FaceReaderMode
{
    /// <summary>自動運転モード: the patient goes through the screens.</summary>
    Automatic,

    /// <summary>目視モード: staff compare the patient with the photo.</summary>
    VisualCheck,
}
