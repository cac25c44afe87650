namespace RafeCast.Infra.Tests.Bicep;

/// <summary>Severity of a Bicep diagnostic, as SARIF reports it.</summary>
public enum BicepDiagnosticLevel
{
    Note,
    Warning,
    Error,
}

/// <summary>One compiler or linter finding: rule (BCPnnn or a linter rule name), severity, message and where (1-based line).</summary>
public sealed record BicepDiagnostic(string RuleId, BicepDiagnosticLevel Level, string Message, string File, int Line)
{
    public override string ToString() => $"{Path.GetFileName(File)}({Line}): {Level} {RuleId}: {Message}";
}
