namespace RafeCast.GroundStation.Health;

/// <summary>The JSON body of <c>/healthz</c>.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>: the worst of the checks.</param>
/// <param name="TotalDurationMs">How long all checks took, milliseconds.</param>
/// <param name="Checks">Each registered check by name (the station's own and every stage's).</param>
public sealed record HealthReportView(string Status, double TotalDurationMs, IReadOnlyDictionary<string, HealthCheckView> Checks);

/// <summary>One check's result in <c>/healthz</c>.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Description">What the check says, e.g. why it is degraded.</param>
/// <param name="DurationMs">How long the check took, milliseconds.</param>
/// <param name="Error">The exception's message when the check threw.</param>
/// <param name="Data">Facts the check reported (counts, paths), as text.</param>
/// <param name="Tags">The tags the check was registered with (e.g. <c>stage</c>).</param>
public sealed record HealthCheckView(string Status, string? Description, double DurationMs, string? Error, IReadOnlyDictionary<string, string>? Data, IReadOnlyList<string>? Tags);
