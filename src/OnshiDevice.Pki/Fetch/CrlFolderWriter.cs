namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// Writes a CRL into the folder so that no reader ever sees half of it: into a temporary file of the same folder
/// whose name the store does not read (not .crl/.der/.pem), flushed to disk, then renamed over the old file. On any
/// failure the temporary file is removed and the old file is as it was.
/// </summary>
internal static class CrlFolderWriter
{
    public static void Replace(string folder, string fileName, byte[] der)
    {
        var target = Path.Combine(folder, fileName);
        var temporary = Path.Combine(folder, $".{fileName}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(der);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
