namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

/// <summary>The real-time bound on every await of these tests, so a broken flow fails a test instead of hanging the run.</summary>
internal static class TestBounds
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
}
