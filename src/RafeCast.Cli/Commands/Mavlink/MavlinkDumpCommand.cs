using System.ComponentModel;
using System.Text;
using System.Text.Json;
using RafeCast.Cli.Infrastructure;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Inspection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Mavlink;

/// <summary>
/// <c>rafecast mavlink dump SOURCE [--format raw|tlog] [--json] [--signing-key HEX]</c>: one line per frame on
/// stdout, the counters on stderr at the end.
/// </summary>
internal sealed class MavlinkDumpCommand(IAnsiConsole console) : AsyncCommand<MavlinkDumpCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SOURCE>")]
        [Description("A capture file (.tlog or raw bytes) or a live connection string (udpin:HOST:PORT, udpout:HOST:PORT, tcp:HOST:PORT, tcpin:HOST:PORT, serial:DEVICE[:BAUD]).")]
        public string Source { get; init; } = string.Empty;

        [CommandOption("--format <FORMAT>")]
        [Description("Capture format: raw or tlog (default: tlog for *.tlog, raw otherwise).")]
        public string? Format { get; init; }

        [CommandOption("--json")]
        [Description("One JSON object per frame: version, seq, sysid, compid, msgid, name, signed, fields (XML field names).")]
        public bool Json { get; init; }

        [CommandOption("--signing-key <HEX>")]
        [Description("32-byte signing key in hex: frames whose signature does not verify are left out and counted.")]
        public string? SigningKey { get; init; }

        public override ValidationResult Validate() =>
            Format is null or MavlinkCapture.FormatRaw or MavlinkCapture.FormatTlog
                ? ValidationResult.Success()
                : ValidationResult.Error($"--format '{Format}' is not a capture format; use raw or tlog.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var key = MavlinkCapture.ParseKey(settings.SigningKey);
        var output = console.Profile.Out.Writer;
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer);
        var live = MavlinkCapture.IsLive(settings.Source, out _);

        void Write(in MavlinkFrame frame)
        {
            if (settings.Json)
            {
                buffer.SetLength(0);
                json.Reset(buffer);
                MavlinkFrameFormatter.WriteJson(json, frame);
                json.Flush();
                output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            else
            {
                output.WriteLine(MavlinkFrameFormatter.ToText(frame));
            }
            if (live)
            {
                // Someone is watching (or piping) a live link: lines should not wait for a full buffer.
                output.Flush();
            }
        }

        var summary = await MavlinkCapture.ReadAsync(settings.Source, settings.Format, key, Write, cancellationToken).ConfigureAwait(false);
        // A live dump ends with Ctrl-C, so the token is cancelled by now: these last writes must not use it.
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(summary.Line).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
