using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>The resolved root of the local HLS tree the station serves at <c>/hls/</c>.</summary>
internal sealed class LocalHlsDirectory(IOptions<ViewerOptions> viewer, IOptions<StationOptions> station)
{
    public string Root { get; } = Path.GetFullPath(viewer.Value.LocalHlsDirectory ?? Path.Combine(station.Value.DataDirectory, "live"));
}
