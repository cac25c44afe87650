using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RafeCast.Mavlink.Generator;

/// <summary>
/// Generates MAVLink messages from the dialect XML files a project lists as
/// <c>&lt;AdditionalFiles Include="..." MavlinkDialect="true" /&gt;</c>. The namespace comes from the
/// <c>MavlinkNamespace</c> MSBuild property (default <c>RafeCast.Mavlink.Messages</c>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MavlinkSourceGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor DialectProblem = new(
        id: "MAVGEN001",
        title: "Invalid MAVLink dialect",
        messageFormat: "{0}",
        category: "RafeCast.Mavlink.Generator",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var dialects = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(pair => pair.Right.GetOptions(pair.Left).TryGetValue("build_metadata.AdditionalFiles.MavlinkDialect", out var flag)
                && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
            .Select((pair, cancellationToken) => new DialectSource(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .Collect();

        var ns = context.AnalyzerConfigOptionsProvider.Select((options, _) =>
            options.GlobalOptions.TryGetValue("build_property.MavlinkNamespace", out var value) ? value : null);

        context.RegisterSourceOutput(dialects.Combine(ns), static (output, input) => Generate(output, input.Left, input.Right));
    }

    private static void Generate(SourceProductionContext output, ImmutableArray<DialectSource> sources, string? ns)
    {
        if (sources.IsDefaultOrEmpty)
        {
            return;
        }
        var set = DialectReader.Read(sources);
        foreach (var error in set.Errors)
        {
            var location = error.Line > 0
                ? Location.Create(error.File, default, new LinePositionSpan(new LinePosition(error.Line - 1, 0), new LinePosition(error.Line - 1, 0)))
                : Location.None;
            output.ReportDiagnostic(Diagnostic.Create(DialectProblem, location, error.ToString()));
        }
        if (set.Errors.Count > 0)
        {
            return;
        }
        foreach (var file in CSharpEmitter.Emit(set, ns))
        {
            output.CancellationToken.ThrowIfCancellationRequested();
            output.AddSource(file.Key, SourceText.From(file.Value, Encoding.UTF8));
        }
    }
}
