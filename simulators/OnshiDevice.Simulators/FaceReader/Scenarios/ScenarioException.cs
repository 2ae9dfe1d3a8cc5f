namespace OnshiDevice.Simulators.FaceReader.Scenarios;

/// <summary>A scenario line that does not parse, or a step that did not happen as the scenario says; names the line.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(int line, string message, Exception? innerException = null)
        : base($"line {line}: {message}", innerException)
    {
        Line = line;
    }

    public int Line { get; }
}
