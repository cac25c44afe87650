using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RafeCast.Storage.Outbox;

/// <summary>
/// The file-system steps that make the outbox survive a crash or a power cut: data reaches the disk (fsync)
/// before the record that points at it, records appear by atomic rename, and the directory entry of a rename
/// is itself synced.
/// </summary>
internal static partial class FileDurability
{
    /// <summary>Flushes a file's data and metadata to the disk.</summary>
    public static void SyncFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Sync(handle, path);
    }

    /// <summary>Flushes a directory's entries (new names, renames, deletions) to the disk. A no-op on Windows.</summary>
    public static void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var fd = Open(path, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory {path} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory {path} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically and durably: temp file, fsync, rename, fsync of the directory.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes, string tempDirectory)
    {
        var tmp = Path.Combine(tempDirectory, Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>
    /// Places a durable copy of <paramref name="source"/> at <paramref name="destination"/> (via a temp name):
    /// a hard link when <paramref name="preferLink"/> and the file system allows it (no bytes copied; the spool
    /// may delete its name without touching ours), else a byte copy. The data is fsynced either way.
    /// </summary>
    /// <returns>True when hard-linked.</returns>
    public static bool LinkOrCopy(string source, string destination, string tempDirectory, bool preferLink)
    {
        var tmp = Path.Combine(tempDirectory, Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var linked = preferLink && !OperatingSystem.IsWindows() && Link(source, tmp) == 0;
        if (!linked)
        {
            File.Copy(source, tmp);
        }
        SyncFile(tmp);
        File.Move(tmp, destination, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(destination)!);
        return linked;
    }

    /// <summary>Appends one line and fsyncs (the flight ledger). A torn last line after a crash is skipped by readers.</summary>
    public static void AppendLine(string path, ReadOnlySpan<byte> utf8Line)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(utf8Line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }

    private static void Sync(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (Fsync((int)handle.DangerousGetHandle()) != 0)
        {
            throw new IOException($"fsync of {path} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string newPath);
}
