using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RafeCast.Mavlink.Tests.Links;

/// <summary>
/// A Linux pseudo-terminal pair: <see cref="DevicePath"/> is a real tty device (/dev/pts/N) that <c>stty</c> and
/// the serial transport open as they would a USB telemetry radio; <see cref="Radio"/> is the other end, where
/// the test plays the vehicle. No serial hardware or extra package needed.
/// </summary>
internal sealed partial class PseudoTerminal : IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int NoControllingTerminal = 0x100;

    private PseudoTerminal(SafeFileHandle master, string devicePath)
    {
        DevicePath = devicePath;
        Radio = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>The device the link opens, e.g. /dev/pts/3.</summary>
    public string DevicePath { get; }

    /// <summary>The far end: what is written here arrives at the device, and what the link writes is read here.</summary>
    public FileStream Radio { get; }

    public static PseudoTerminal Open()
    {
        var fd = PosixOpenPt(OpenReadWrite | NoControllingTerminal);
        if (fd < 0)
        {
            throw new IOException($"posix_openpt failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        var master = new SafeFileHandle(fd, ownsHandle: true);
        var name = new byte[128];
        if (GrantPt(fd) != 0 || UnlockPt(fd) != 0 || PtsNameR(fd, name, name.Length) != 0)
        {
            master.Dispose();
            throw new IOException($"could not set up the pseudo-terminal (errno {Marshal.GetLastPInvokeError()}).");
        }
        return new PseudoTerminal(master, System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0)));
    }

    public void Dispose() => Radio.Dispose();

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, byte[] buffer, nint length);
}
