using System.Globalization;
using System.Runtime.InteropServices;
using RafeCast.Cli;
using Spectre.Console;

// Piped or redirected (tee, a log file, a script): Spectre would wrap tables at 80 columns and squeeze
// flight ids into three lines; take the terminal's COLUMNS when exported, else a wide page.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0 ? columns : 200;
}

// Ctrl-C and SIGTERM cancel the running command's token, so stages stop cleanly (ffmpeg gets 'q',
// the outbox is flushed). A second Ctrl-C ends the process the hard way.
var shutdown = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!shutdown.IsCancellationRequested)
    {
        e.Cancel = true;
        shutdown.Cancel();
    }
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    shutdown.Cancel();
});

return await RafeCastApp.Create().RunAsync(args, shutdown.Token).ConfigureAwait(false);
