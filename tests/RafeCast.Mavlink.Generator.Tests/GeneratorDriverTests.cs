using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RafeCast.Mavlink.Generator;

namespace RafeCast.Mavlink.Generator.Tests;

/// <summary>Runs the generator the way the compiler does and compiles what it emits.</summary>
public sealed class GeneratorDriverTests
{
    internal static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics) Run(string ns, params (string Path, string Text)[] dialects) =>
        Run(ns, "namespace Probe { internal static class Marker { } }", dialects);

    internal static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics) Run(string ns, string source, params (string Path, string Text)[] dialects)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(RafeCast.Mavlink.IMavlinkMessage<>).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "GeneratedDialect",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var additional = dialects.Select(d => (AdditionalText)new InMemoryText(d.Path, d.Text)).ToImmutableArray();
        var options = new Options(ns, additional);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new MavlinkSourceGenerator().AsSourceGenerator()],
            additional,
            new CSharpParseOptions(LanguageVersion.Preview),
            options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics);
    }

    [Fact]
    public void Generate_Dialect_CompilesWithoutWarningsAndRoundTrips()
    {
        const string Probe = """
            namespace Probe;
            public static class RoundTrip
            {
                public static byte[] Run()
                {
                    var message = new Probe.Messages.Heartbeat { CustomMode = 0x01020304, Type = Probe.Messages.MavType.Quadrotor };
                    var payload = new byte[Probe.Messages.Heartbeat.MaxLength];
                    message.Serialize(payload);
                    var back = Probe.Messages.Heartbeat.Deserialize(payload);
                    return back.Equals(message with { MavlinkVersion = 3 }) ? payload : [];
                }
            }
            """;
        var dialect = $"<mavlink>{DialectReaderTests.Heartbeat}<enums><enum name=\"MAV_TYPE\"><entry value=\"2\" name=\"MAV_TYPE_QUADROTOR\"/></enum></enums></mavlink>";

        var (output, diagnostics) = Run("Probe.Messages", Probe, ("/d/minimal.xml", dialect));

        Assert.Empty(diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
        var assembly = Load(output);
        var payload = (byte[])assembly.GetType("Probe.RoundTrip")!.GetMethod("Run")!.Invoke(null, null)!;
        // custom_mode first (the only 4-byte field), then type, autopilot, base_mode, system_status, version 3.
        Assert.Equal(new byte[] { 0x04, 0x03, 0x02, 0x01, 0x02, 0x00, 0x00, 0x00, 0x03 }, payload);
        var heartbeat = assembly.GetType("Probe.Messages.Heartbeat")!;
        Assert.Equal(50, (byte)heartbeat.GetProperty("CrcExtra")!.GetValue(null)!);
    }

    [Fact]
    public void Generate_NamespaceProperty_PutsTheTypesThere()
    {
        var (output, _) = Run("Somewhere.Else", ("/d/minimal.xml", $"<mavlink>{DialectReaderTests.Heartbeat}</mavlink>"));

        Assert.NotNull(output.GetTypeByMetadataName("Somewhere.Else.Heartbeat"));
        Assert.NotNull(output.GetTypeByMetadataName("Somewhere.Else.MavlinkMessages"));
    }

    [Fact]
    public void Generate_InvalidDialect_ReportsAnErrorAtTheFile()
    {
        var (_, diagnostics) = Run("Probe.Messages", ("/d/broken.xml", "<mavlink><include>missing.xml</include></mavlink>"));

        var error = Assert.Single(diagnostics);
        Assert.Equal("MAVGEN001", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("missing.xml", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_FieldNamedLikeAGeneratedMember_IsRenamed()
    {
        // MESSAGE_INTERVAL in the common set has a message_id field, which would clash with the static MessageId.
        var (output, diagnostics) = Run("Probe.Messages", ("/d/c.xml", """
            <mavlink><messages><message id="244" name="MESSAGE_INTERVAL">
              <field type="uint16_t" name="message_id">id</field>
              <field type="int32_t" name="interval_us" units="us">interval</field>
            </message></messages></mavlink>
            """));

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = output.GetTypeByMetadataName("Probe.Messages.MessageInterval")!;
        Assert.NotEmpty(type.GetMembers("MessageIdValue"));
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(string ns, ImmutableArray<AdditionalText> dialects) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new Dictionary<string, string> { ["build_property.MavlinkNamespace"] = ns });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Values(dialects.Contains(textFile) ? new Dictionary<string, string> { ["build_metadata.AdditionalFiles.MavlinkDialect"] = "true" } : []);
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
