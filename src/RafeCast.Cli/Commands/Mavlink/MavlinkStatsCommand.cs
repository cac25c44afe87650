using System.ComponentModel;
using System.Globalization;
using RafeCast.Cli.Infrastructure;
using RafeCast.Mavlink.Framing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Mavlink;

/// <summary><c>rafecast mavlink stats SOURCE</c>: the counters and the packet loss per vehicle (sysid/compid).</summary>
internal sealed class MavlinkStatsCommand(IAnsiConsole console) : AsyncCommand<MavlinkStatsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SOURCE>")]
        [Description("A capture file (.tlog or raw bytes) or a live connection string; a live link is measured until Ctrl-C.")]
        public string Source { get; init; } = string.Empty;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var summary = await MavlinkCapture.ReadAsync(settings.Source, null, null, static (in MavlinkFrame _) => { }, cancellationToken).ConfigureAwait(false);
        var output = console.Profile.Out.Writer;
        var counters = summary.Counters;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"source          {settings.Source}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes           {counters.Bytes}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames          {counters.Frames} (v1 {counters.FramesV1}, v2 {counters.FramesV2}, signed {counters.SignedFrames})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crc errors      {counters.CrcErrors}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dropped bytes   {counters.DroppedBytes}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unknown ids     {counters.UnknownMessages}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"incompatible    {counters.IncompatibleFrames}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"packet loss     {counters.PacketLossPercent:F2} %"));
        output.WriteLine();
        output.WriteLine("vehicle   received      lost   loss %  out of order");
        foreach (var source in counters.Sources)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{source.Source,-7} {source.Received,10} {source.Lost,9} {source.LossPercent,8:F2} {source.OutOfOrder,13}"));
        }
        // A live measurement ends with Ctrl-C: the token is cancelled by now.
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
