namespace RafeCast.Infra.Tests.Bicep;

/// <summary>
/// The bar infra/ is held to: no error, no warning, no note — except <c>use-recent-api-versions</c>
/// as a warning, because whether an API version counts as recent depends on today's date, not on
/// the template.
/// </summary>
public static class BicepDiagnosticPolicy
{
    /// <summary>The linter rule that flags API versions older than two years.</summary>
    public const string ApiVersionAgeRule = "use-recent-api-versions";

    /// <summary>The diagnostics that fail the check.</summary>
    public static IReadOnlyList<BicepDiagnostic> Violations(IEnumerable<BicepDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return [.. diagnostics.Where(d => !(d.RuleId == ApiVersionAgeRule && d.Level == BicepDiagnosticLevel.Warning))];
    }

    /// <summary>One line per diagnostic, for assertion messages.</summary>
    public static string Describe(IEnumerable<BicepDiagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
