using System.Diagnostics;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using RafeCast.Mavlink.Generator;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Generator.Tests;

/// <summary>
/// The generator on a full standard dialect: every message node-mavlink 2.3.0 knows (minimal, common, standard,
/// ardupilotmega, uAvionix, icarous; about 300 messages, generated there from the official XML) is written back
/// as a dialect file in the standard schema, then read and generated here. CRC_EXTRA and lengths must agree
/// for every message and the generated code must compile.
/// </summary>
public sealed class StandardDialectTests
{
    private static readonly Lazy<Task<JsonElement[]>> Registry = new(LoadRegistryAsync);

    [Fact]
    public async Task Read_EveryStandardMessage_AgreesWithNodeMavlinkOnCrcExtraAndLength()
    {
        var registry = await Registry.Value;

        var set = DialectReader.Read([new DialectSource("/d/standard-all.xml", ToDialectXml(registry))]);

        Assert.Empty(set.Errors);
        Assert.True(set.Messages.Count >= 250, $"only {set.Messages.Count} messages");
        var byId = set.Messages.ToDictionary(m => m.Id);
        var mismatches = registry
            .Where(m => byId[m.GetProperty("id").GetUInt32()].CrcExtra != m.GetProperty("crcExtra").GetInt32()
                || byId[m.GetProperty("id").GetUInt32()].MaxLength != m.GetProperty("payloadLength").GetInt32())
            .Select(m => m.GetProperty("name").GetString())
            .ToArray();
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Generate_EveryStandardMessage_Compiles()
    {
        var registry = await Registry.Value;

        var (output, diagnostics) = GeneratorDriverTests.Run("Standard.Messages", ("/d/standard-all.xml", ToDialectXml(registry)));

        Assert.Empty(diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
        Assert.NotNull(output.GetTypeByMetadataName("Standard.Messages.HighLatency2"));
    }

    private static string ToDialectXml(IEnumerable<JsonElement> messages)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n<mavlink>\n<messages>\n");
        foreach (var message in messages)
        {
            xml.Append($"<message id=\"{message.GetProperty("id").GetUInt32()}\" name=\"{message.GetProperty("name").GetString()}\">\n");
            var inExtensions = false;
            foreach (var field in message.GetProperty("fields").EnumerateArray())
            {
                if (field.GetProperty("extension").GetBoolean() && !inExtensions)
                {
                    xml.Append("<extensions/>\n");
                    inExtensions = true;
                }
                var type = field.GetProperty("type").GetString()!;
                var length = field.GetProperty("length").GetInt32();
                var name = field.GetProperty("name").GetString()!;
                xml.Append($"<field type=\"{type}{(length > 0 ? $"[{length}]" : string.Empty)}\" name=\"{SecurityElement.Escape(name)}\">{SecurityElement.Escape(name)}</field>\n");
            }
            xml.Append("</message>\n");
        }
        return xml.Append("</messages>\n</mavlink>\n").ToString();
    }

    /// <summary>Runs the interop tests' registry.js (one short node process: started, drained, bounded, killed past the limit).</summary>
    private static async Task<JsonElement[]> LoadRegistryAsync()
    {
        var script = RepositoryPaths.Combine("tests", "RafeCast.Mavlink.Tests", "Interop", "registry.js");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var dialect in new[] { "minimal", "common", "standard", "ardupilotmega", "uavionix", "icarous" })
        {
            start.ArgumentList.Add(dialect);
        }
        start.Environment["NODE_PATH"] = RepositoryPaths.NodeModules;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within 60 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await stderr}");
        }
        using var document = JsonDocument.Parse(await stdout);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
