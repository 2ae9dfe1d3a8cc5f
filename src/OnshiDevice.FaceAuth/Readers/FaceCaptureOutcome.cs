namespace OnshiDevice.FaceAuth.Readers;

public enum FaceCaptureOutcome
{
    /// <summary>One face was found and compared; the score says how alike.</summary>
    Compared = 1,

    /// <summary>No face in front of the camera within the reader's own limit.</summary>
    NoFace = 2,

    /// <summary>More than one face: nothing was compared.</summary>
    MultipleFaces = 3,
}
