using System.Text.Json.Serialization;
using RafeCast.GroundStation.Health;
using RafeCast.GroundStation.Live;
using RafeCast.GroundStation.Viewer.Internal;

namespace RafeCast.GroundStation.Json;

/// <summary>The station's JSON shapes, serialized without reflection. Property names are camelCase.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LiveSnapshot))]
[JsonSerializable(typeof(PositionView))]
[JsonSerializable(typeof(VehicleView))]
[JsonSerializable(typeof(CrossingView))]
[JsonSerializable(typeof(GapView))]
[JsonSerializable(typeof(StreamView))]
[JsonSerializable(typeof(IReadOnlyList<StreamView>))]
[JsonSerializable(typeof(StreamDetails))]
[JsonSerializable(typeof(HealthReportView))]
internal sealed partial class StationJsonContext : JsonSerializerContext;
