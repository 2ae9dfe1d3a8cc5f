namespace OnshiDevice.Simulators.MyNumber;

/// <summary>One EF of an application, addressed by FID or by SFI (the FID's low five bits).</summary>
internal sealed record CardFile(ushort Fid, CardFileKind Kind, AccessCondition Access, byte[] Content)
{
    public byte ShortFileId => (byte)(Fid & 0x1F);

    public static CardFile Binary(ushort fid, byte[] content, AccessCondition access = AccessCondition.Always) =>
        new(fid, CardFileKind.Binary, access, content);

    public static CardFile Hidden(ushort fid) => new(fid, CardFileKind.Binary, AccessCondition.Never, []);

    public static CardFile Key(ushort fid, AccessCondition access) => new(fid, CardFileKind.Key, access, []);

    public static CardFile Pin(ushort fid, AccessCondition guards) => new(fid, CardFileKind.Pin, guards, []);
}
