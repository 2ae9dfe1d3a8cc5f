namespace OnshiDevice.Pki.Hpki;

/// <summary>Parses the hcRole out of a SubjectDirectoryAttributes extension value (reference A.2.3).</summary>
public static class HcRoleParser
{
    /// <summary>
    /// The hcRole in <paramref name="subjectDirectoryAttributes"/> (the extnValue content), or null when the
    /// extension holds no hcRole attribute. Malformed input raises <see cref="HcRoleFormatException"/>.
    /// </summary>
    public static HcRole? Parse(ReadOnlySpan<byte> subjectDirectoryAttributes) => throw new NotImplementedException(); // SHAPE ONLY
}
