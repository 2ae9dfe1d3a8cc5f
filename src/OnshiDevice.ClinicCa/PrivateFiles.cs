namespace OnshiDevice.ClinicCa;

/// <summary>
/// Private files of the CA folder (keys, the client register): created readable by their owner only, and refused
/// when group or others may read or write them. On Windows the folder's ACL protects them (docs/CLINIC-LAN.md);
/// the mode check is Unix only.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Refuses a file that group or others may read or write (one line naming the file and its mode).</summary>
    public static void EnsureOwnerOnly(string path)
    {
        if (!File.Exists(path))
        {
            throw new ClinicCaException($"{path} does not exist; is the CA folder right (onshi-device ca init)?");
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new ClinicCaException($"{path} is open to group or others (mode {Octal(mode)}); a key file must be the owner's only: chmod 600 {path}");
        }
    }

    /// <summary>Writes a new private file atomically (a temporary file renamed over it), owner-only from its creation.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Creates a folder only its owner may enter (or checks an existing one is not open to others).</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
