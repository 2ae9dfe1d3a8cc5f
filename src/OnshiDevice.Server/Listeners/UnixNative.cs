using System.Runtime.InteropServices;

namespace OnshiDevice.Server.Listeners;

/// <summary>
/// The few POSIX calls the socket listener needs that .NET does not offer: a file's type without following a
/// link (to remove only a stale socket), chown of the group, a group's id by name, and the umask during bind.
/// </summary>
internal static partial class UnixNative
{
    private const string LibC = "libc";
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int NoSuchFile = 2;
    private const ushort TypeMask = 0xF000;
    private const int WriteAndSearch = 2 | 1; // W_OK | X_OK

    /// <summary>S_IFSOCK, the same on Linux and macOS.</summary>
    public const ushort SocketType = 0xC000;

    /// <summary>The file type bits (S_IFMT) of a path, not following a final link; null when nothing is there.</summary>
    public static ushort? FileTypeOf(string path)
    {
        var buffer = new byte[256];
        int result;
        int modeOffset;
        if (OperatingSystem.IsLinux())
        {
            // statx's layout is the same on every architecture: stx_mode is the u16 at offset 28.
            result = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer);
            modeOffset = 28;
        }
        else if (OperatingSystem.IsMacOS())
        {
            // struct stat (64-bit inodes): dev_t st_dev (4 bytes), then mode_t st_mode.
            result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? LStatInode64(path, buffer) : LStat(path, buffer);
            modeOffset = 4;
        }
        else
        {
            throw new PlatformNotSupportedException("Unix domain socket listeners need Linux or macOS.");
        }

        if (result != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NoSuchFile ? null : throw new IOException($"Cannot read the type of {path} (errno {error}).");
        }

        return (ushort)(BitConverter.ToUInt16(buffer, modeOffset) & TypeMask);
    }

    /// <summary>Gives a file to a group, keeping its owner.</summary>
    public static void ChangeGroup(string path, uint groupId)
    {
        if (Chown(path, uint.MaxValue, groupId) != 0)
        {
            throw new IOException($"Cannot give {path} to group {groupId} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>The id of a group by name, or null when the system knows no such group.</summary>
    public static uint? GroupId(string name)
    {
        // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; ... } on Linux and macOS.
        var group = GetGroupByName(name);
        return group == IntPtr.Zero ? null : (uint)Marshal.ReadInt32(group, 2 * IntPtr.Size);
    }

    /// <summary>Whether the process may create files in a folder (write and search permission).</summary>
    public static bool IsWritableDirectory(string path) => Directory.Exists(path) && Access(path, WriteAndSearch) == 0;

    /// <summary>Sets the process's umask and returns the previous one.</summary>
    public static uint SetUmask(uint mask) => Umask(mask);

    [LibraryImport(LibC, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte[] buffer);

    [LibraryImport(LibC, EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, byte[] buffer);

    [LibraryImport(LibC, EntryPoint = "lstat$INODE64", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStatInode64(string path, byte[] buffer);

    [LibraryImport(LibC, EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);

    [LibraryImport(LibC, EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetGroupByName(string name);

    [LibraryImport(LibC, EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport(LibC, EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
