using System.Globalization;
using NetTopologySuite.Geometries;
using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;
using RafeCast.Geo.Domes.Internal;
using RafeCast.Geo.Geodesy;

namespace RafeCast.Geo.Domes;

/// <summary>
/// An immutable, validated set of domes with a spatial index: an STR-tree (NetTopologySuite's
/// <see cref="NetTopologySuite.Index.Strtree.STRtree{TItem}"/>, bulk-loaded) over the footprints' envelopes and a prepared footprint per
/// dome, so finding the domes around a position costs about log(number of domes) and allocates nothing.
/// Safe to query from any number of threads. Positions are WGS-84 degrees; altitudes metres relative to home.
/// </summary>
/// <remarks>
/// Load one with <see cref="DomeRegistryReader.Load(string)"/>; when domes are rebuilt, load a new registry
/// and swap it in: nothing here changes after construction.
/// </remarks>
public sealed class DomeRegistry
{
    private readonly Dome[] _domes;
    private readonly PreparedFootprint[] _footprints;
    private readonly double[] _ceilings;
    private readonly long[] _validFromTicks;
    private readonly long[] _validToTicks;
    private readonly PackedStrTree _tree;
    private readonly Dictionary<string, int> _indexById;

    private DomeRegistry(IReadOnlyList<Dome> domes, string source)
    {
        Source = source;
        _domes = [.. domes];
        _footprints = new PreparedFootprint[_domes.Length];
        _ceilings = new double[_domes.Length];
        _validFromTicks = new long[_domes.Length];
        _validToTicks = new long[_domes.Length];
        _indexById = new Dictionary<string, int>(_domes.Length, StringComparer.Ordinal);
        var entries = new List<(Envelope, int)>(_domes.Length);
        for (var i = 0; i < _domes.Length; i++)
        {
            var dome = _domes[i];
            var footprint = new PreparedFootprint(dome.Boundary);
            _footprints[i] = footprint;
            _ceilings[i] = dome.HeightMetres ?? double.PositiveInfinity;
            _validFromTicks[i] = dome.Validity.From?.UtcTicks ?? long.MinValue;
            _validToTicks[i] = dome.Validity.To?.UtcTicks ?? long.MaxValue;
            _indexById.Add(dome.Id, i);
            entries.Add((new Envelope(footprint.MinX, footprint.MaxX, footprint.MinY, footprint.MaxY), i));
        }
        _tree = new PackedStrTree(entries);
    }

    /// <summary>A registry without domes: everything is outside.</summary>
    public static DomeRegistry Empty { get; } = new([], "(empty)");

    /// <summary>Where the registry came from (a file path, or "(in memory)").</summary>
    public string Source { get; }

    /// <summary>The domes, in registry order; a dome's index here is the index <see cref="DomeHit"/> uses.</summary>
    public IReadOnlyList<Dome> Domes => _domes;

    /// <summary>Number of domes.</summary>
    public int Count => _domes.Length;

    /// <summary>Builds a registry from domes made in code, validating them as the GeoJSON reader does.</summary>
    /// <exception cref="DomeRegistryException">A dome is invalid; every problem is listed.</exception>
    public static DomeRegistry Create(IEnumerable<Dome> domes, string source = "(in memory)")
    {
        ArgumentNullException.ThrowIfNull(domes);
        var list = domes.ToList();
        var problems = new List<DomeRegistryProblem>();
        var firstUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var dome = list[i];
            var index = i;
            if (!DomeRegistryReader.IsValidId(dome.Id))
            {
                problems.Add(new(DomeRegistryProblemKind.InvalidId, i, null,
                    $"id '{dome.Id}' must be 1 to {DomeRegistryReader.MaxIdLength} letters, digits, '-', '_' or '.'", Invariant($"domes[{i}].Id")));
            }
            else if (!firstUse.TryAdd(dome.Id, i))
            {
                problems.Add(new(DomeRegistryProblemKind.DuplicateId, i, dome.Id,
                    Invariant($"id '{dome.Id}' is already used by dome {firstUse[dome.Id]}; dome ids must be unique"), Invariant($"domes[{i}].Id")));
            }
            if (dome.HeightMetres is { } height && !(double.IsFinite(height) && height > 0))
            {
                problems.Add(new(DomeRegistryProblemKind.InvalidProperty, i, dome.Id,
                    Invariant($"height {height} must be a positive number of metres"), Invariant($"domes[{i}].HeightMetres")));
            }
            if (dome.Validity is { From: { } from, To: { } to } && from >= to)
            {
                problems.Add(new(DomeRegistryProblemKind.InvalidProperty, i, dome.Id,
                    $"validity starts at {from:O}, not before its end {to:O}", Invariant($"domes[{i}].Validity")));
            }
            string Where(int? polygon, int? ring, int? position) =>
                Invariant($"domes[{index}].Boundary") +
                (polygon is { } p ? Invariant($"[{p}]") : string.Empty) +
                (ring is { } r ? (r == 0 ? ".Outer" : Invariant($".Holes[{r - 1}]")) : string.Empty) +
                (position is { } k ? Invariant($"[{k}]") : string.Empty);
            foreach (var problem in DomeGeometryValidator.Validate(dome.Boundary, Where))
            {
                problems.Add(new(problem.Kind, i, dome.Id, problem.Message, problem.Where));
            }
        }
        if (problems.Count > 0)
        {
            throw new DomeRegistryException(source, problems);
        }
        return new DomeRegistry(list, source);
    }

    internal static DomeRegistry CreateValidated(IReadOnlyList<Dome> domes, string source) => new(domes, source);

    /// <summary>The index of the dome with <paramref name="id"/>, or -1.</summary>
    public int IndexOf(string id) => _indexById.TryGetValue(id, out var index) ? index : -1;

    /// <summary>The dome with <paramref name="id"/>, or null.</summary>
    public Dome? Find(string id) => _indexById.TryGetValue(id, out var index) ? _domes[index] : null;

    /// <summary>Footprint area of a dome in square metres (local projection at its centre; holes subtracted).</summary>
    public double AreaSquareMetres(int domeIndex) => _footprints[domeIndex].AreaSquareMetres;

    /// <summary>True when the dome exists at <paramref name="timeUtc"/> (inside its validity interval).</summary>
    public bool IsValidAt(int domeIndex, DateTimeOffset timeUtc)
    {
        var ticks = timeUtc.UtcTicks;
        return ticks >= _validFromTicks[domeIndex] && ticks < _validToTicks[domeIndex];
    }

    /// <summary>
    /// Where a position is relative to one dome at one instant (latitude/longitude in degrees, altitude
    /// in metres relative to home, which the ceiling is compared with).
    /// </summary>
    public DomePresence PresenceIn(int domeIndex, double latitude, double longitude, double altitudeRelative, DateTimeOffset timeUtc) =>
        Presence(domeIndex, longitude, latitude, altitudeRelative, timeUtc.UtcTicks);

    /// <summary>
    /// Finds the domes a position is inside or above at <paramref name="timeUtc"/>, respecting ceilings and
    /// validity, and writes them to <paramref name="destination"/> (in no particular order). Returns how
    /// many there are; when that is more than <paramref name="destination"/> holds, only the first ones
    /// were written. Allocation-free.
    /// </summary>
    /// <param name="latitude">WGS-84 latitude, degrees.</param>
    /// <param name="longitude">WGS-84 longitude, degrees.</param>
    /// <param name="altitudeRelative">Altitude above home in metres (compared with the domes' <c>height_m</c>).</param>
    /// <param name="timeUtc">The instant, for validity.</param>
    /// <param name="destination">Where the hits go.</param>
    public int Locate(double latitude, double longitude, double altitudeRelative, DateTimeOffset timeUtc, Span<DomeHit> destination)
    {
        var visitor = new LocateVisitor(this, longitude, latitude, altitudeRelative, timeUtc.UtcTicks, destination);
        _tree.VisitContaining(longitude, latitude, ref visitor);
        return visitor.Count;
    }

    /// <inheritdoc cref="Locate(double, double, double, DateTimeOffset, Span{DomeHit})"/>
    public int Locate(in GeoPosition position, DateTimeOffset timeUtc, Span<DomeHit> destination) =>
        Locate(position.Latitude, position.Longitude, position.AltitudeRelative, timeUtc, destination);

    /// <summary>
    /// The domes a position is inside at <paramref name="timeUtc"/> (below their ceiling, while valid),
    /// innermost (smallest footprint) first. Allocates the list; use <see cref="Locate(in GeoPosition, DateTimeOffset, Span{DomeHit})"/> on hot paths.
    /// </summary>
    public IReadOnlyList<Dome> DomesContaining(in GeoPosition position, DateTimeOffset timeUtc) =>
        [.. Hits(position, timeUtc).Where(h => h.Presence == DomePresence.Inside).Select(h => _domes[h.DomeIndex])];

    /// <summary>Every dome a position is inside or above, innermost (smallest footprint) first, then by id.</summary>
    public IReadOnlyList<DomeHit> Hits(in GeoPosition position, DateTimeOffset timeUtc)
    {
        Span<DomeHit> buffer = stackalloc DomeHit[16];
        var count = Locate(position, timeUtc, buffer);
        var hits = new DomeHit[count];
        if (count <= buffer.Length)
        {
            buffer[..count].CopyTo(hits);
        }
        else
        {
            Locate(position, timeUtc, hits);
        }
        Array.Sort(hits, CompareInnermostFirst);
        return hits;
    }

    /// <summary>
    /// The nearest boundary (footprint edge) of any dome valid at <paramref name="timeUtc"/>, or null when
    /// none is. The search runs best-first over the STR-tree in a local projection at the point; the
    /// distance returned is geodesic (WGS-84) to the nearest boundary point found when it is over a
    /// kilometre, else the local projection's, which is within 0.1 % at that range.
    /// </summary>
    public BoundaryDistance? NearestBoundary(GeoPoint point, DateTimeOffset timeUtc)
    {
        if (_tree.IsEmpty)
        {
            return null;
        }
        var search = new NearestSearch(this, point.Longitude, point.Latitude, timeUtc.UtcTicks,
            Wgs84.MetresPerDegreeLongitude(point.Latitude), Wgs84.MetresPerDegreeLatitude(point.Latitude));
        _tree.Nearest(ref search);
        if (search.BestDome < 0)
        {
            return null;
        }
        var nearest = new GeoPoint(search.BestY, search.BestX);
        var metres = Math.Sqrt(search.Best);
        if (metres > 1000)
        {
            metres = GeodesicDistance.Metres(point, nearest);
        }
        return new BoundaryDistance(search.BestDome, _domes[search.BestDome].Id, metres, nearest);
    }

    /// <summary>Indices of the domes whose footprint envelope meets the box (degrees), whatever their validity.</summary>
    internal void CollectCandidates(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, List<int> candidates) =>
        _tree.CollectIntersecting(minLongitude, minLatitude, maxLongitude, maxLatitude, candidates);

    internal PreparedFootprint Footprint(int domeIndex) => _footprints[domeIndex];

    internal double CeilingMetres(int domeIndex) => _ceilings[domeIndex];

    /// <summary>Orders hits innermost (smallest footprint) first, then by id, so "the" dome of a position is stable.</summary>
    internal int CompareInnermostFirst(DomeHit a, DomeHit b)
    {
        var byArea = _footprints[a.DomeIndex].AreaSquareMetres.CompareTo(_footprints[b.DomeIndex].AreaSquareMetres);
        return byArea != 0 ? byArea : string.CompareOrdinal(_domes[a.DomeIndex].Id, _domes[b.DomeIndex].Id);
    }

    private DomePresence Presence(int dome, double x, double y, double altitudeRelative, long ticks)
    {
        if (ticks < _validFromTicks[dome] || ticks >= _validToTicks[dome] || !_footprints[dome].Contains(x, y))
        {
            return DomePresence.Outside;
        }
        return altitudeRelative < _ceilings[dome] ? DomePresence.Inside : DomePresence.Above;
    }

    private ref struct LocateVisitor : IItemVisitor
    {
        private readonly DomeRegistry _registry;
        private readonly double _x;
        private readonly double _y;
        private readonly double _altitude;
        private readonly long _ticks;
        private readonly Span<DomeHit> _hits;

        public LocateVisitor(DomeRegistry registry, double x, double y, double altitude, long ticks, Span<DomeHit> hits)
        {
            _registry = registry;
            _x = x;
            _y = y;
            _altitude = altitude;
            _ticks = ticks;
            _hits = hits;
        }

        public int Count { get; private set; }

        public void Visit(int item)
        {
            var presence = _registry.Presence(item, _x, _y, _altitude, _ticks);
            if (presence != DomePresence.Outside)
            {
                if (Count < _hits.Length)
                {
                    _hits[Count] = new DomeHit(item, presence);
                }
                Count++;
            }
        }
    }

    private struct NearestSearch(DomeRegistry registry, double x, double y, long ticks, double metresPerDegreeX, double metresPerDegreeY) : INearestSearch
    {
        public double Best { get; private set; } = double.MaxValue;
        public int BestDome { get; private set; } = -1;
        public double BestX { get; private set; }
        public double BestY { get; private set; }

        /// <summary>
        /// A lower bound of the squared distance, in the point's local projection (the metric the search
        /// minimises), from the point to anything in the box.
        /// </summary>
        public readonly double LowerBound(double minX, double minY, double maxX, double maxY)
        {
            var dx = Math.Max(0, Math.Max(minX - x, x - maxX)) * metresPerDegreeX;
            var dy = Math.Max(0, Math.Max(minY - y, y - maxY)) * metresPerDegreeY;
            return (dx * dx) + (dy * dy);
        }

        public void Measure(int item)
        {
            if (ticks < registry._validFromTicks[item] || ticks >= registry._validToTicks[item])
            {
                return;
            }
            var squared = registry._footprints[item].DistanceSquaredToBoundary(x, y, metresPerDegreeX, metresPerDegreeY, out var nx, out var ny);
            if (squared < Best)
            {
                Best = squared;
                BestDome = item;
                BestX = nx;
                BestY = ny;
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
