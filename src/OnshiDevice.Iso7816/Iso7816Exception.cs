namespace OnshiDevice.Iso7816;

/// <summary>The card broke the rules of ISO/IEC 7816-4 (or its own profile) in a way the caller cannot fix.</summary>
public class Iso7816Exception : Exception
{
    public Iso7816Exception()
    {
    }

    public Iso7816Exception(string message)
        : base(message)
    {
    }

    public Iso7816Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
