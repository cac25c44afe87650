using System.Runtime.InteropServices;
using RafeCast.Cli;

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
