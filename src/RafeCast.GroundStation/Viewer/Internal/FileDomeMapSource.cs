using Microsoft.Extensions.Options;
using RafeCast.Core.Domes;
using RafeCast.GroundStation.Configuration;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>
/// The fallback <see cref="IDomeMapSource"/>: the domes of <see cref="ViewerOptions.DomesFile"/>, read
/// again when the file changes, or none when no file is configured.
/// </summary>
internal sealed class FileDomeMapSource(IOptions<ViewerOptions> options) : IDomeMapSource
{
    private readonly Lock _gate = new();
    private (DateTime WrittenUtc, IReadOnlyList<Dome> Domes)? _cache;

    public async ValueTask<IReadOnlyList<Dome>> GetDomesAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DomesFile is not { } path)
        {
            return [];
        }
        var written = File.GetLastWriteTimeUtc(path);
        lock (_gate)
        {
            if (_cache is { } cached && cached.WrittenUtc == written)
            {
                return cached.Domes;
            }
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var domes = DomeGeoJsonReader.Read(bytes);
        lock (_gate)
        {
            _cache = (written, domes);
        }
        return domes;
    }
}
