namespace OnshiDevice.Simulators.MyNumber;

/// <summary>Finds an application by its DF name.</summary>
internal static class MyNumberApplications
{
    private static readonly (MyNumberApplication Application, byte[] Aid)[] Aids =
    [
        (MyNumberApplication.IssuerSecurityDomain, [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00]),
        (MyNumberApplication.Jpki, [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]),
        (MyNumberApplication.TextInputSupport, [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08]),
        (MyNumberApplication.CardFace, [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02]),
        (MyNumberApplication.CommonCard, [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00]),
        (MyNumberApplication.Juki, [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01]),
    ];

    public static MyNumberApplication? FindByAid(ReadOnlySpan<byte> aid)
    {
        foreach (var (application, known) in Aids)
        {
            if (aid.SequenceEqual(known))
            {
                return application;
            }
        }

        return null;
    }
}
