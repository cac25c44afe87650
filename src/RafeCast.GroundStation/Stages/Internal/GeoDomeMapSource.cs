using RafeCast.Core.Domes;
using RafeCast.Geo;
using RafeCast.GroundStation.Viewer;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>The viewer's map draws the domes the geo stage tags with.</summary>
internal sealed class GeoDomeMapSource(GeoTaggingStage geo) : IDomeMapSource
{
    public ValueTask<IReadOnlyList<Dome>> GetDomesAsync(CancellationToken cancellationToken) => ValueTask.FromResult(geo.Registry.Domes);
}
