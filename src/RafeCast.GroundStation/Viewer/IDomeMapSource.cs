using RafeCast.Core.Domes;

namespace RafeCast.GroundStation.Viewer;

/// <summary>
/// The domes the viewer's map draws. The geo stage provides them from its registry; without it the
/// station reads <see cref="Configuration.ViewerOptions.DomesFile"/> (or draws no domes).
/// </summary>
public interface IDomeMapSource
{
    /// <summary>The domes to draw, valid or not (the page shades the ones not valid now).</summary>
    ValueTask<IReadOnlyList<Dome>> GetDomesAsync(CancellationToken cancellationToken);
}
