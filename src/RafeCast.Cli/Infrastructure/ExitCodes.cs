namespace RafeCast.Cli.Infrastructure;

/// <summary>Process exit codes shared by every verb.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran and reported a failure (a refused command, a failed check).</summary>
    public const int Failed = 1;
    /// <summary>Bad arguments or configuration: nothing was attempted.</summary>
    public const int Usage = 2;
    /// <summary>A needed external part (ffmpeg, Azurite, a vehicle) could not be reached.</summary>
    public const int Unavailable = 4;
    /// <summary>Cancelled with Ctrl-C.</summary>
    public const int Cancelled = 130;
}
