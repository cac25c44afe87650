using System.Runtime.Versioning;

// Linux only: the Bicep CLI package is linux-x64, the sandbox is a Linux network namespace and the
// unit file is checked with systemd.
[assembly: SupportedOSPlatform("linux")]
