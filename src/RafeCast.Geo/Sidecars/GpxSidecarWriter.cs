using System.Text;
using System.Xml;
using static RafeCast.Geo.Sidecars.SidecarFormat;

namespace RafeCast.Geo.Sidecars;

/// <summary>
/// Writes a sidecar as GPX 1.1 (https://www.topografix.com/GPX/1/1/): crossings as waypoints, the track
/// as one <c>trk</c> with a <c>trkseg</c> per continuous run (GPX's own way to show lost reception).
/// <c>ele</c> is the altitude above mean sea level in metres, <c>time</c> is UTC.
/// </summary>
public static class GpxSidecarWriter
{
    /// <summary>The GPX 1.1 namespace.</summary>
    public const string Namespace = "http://www.topografix.com/GPX/1/1";

    /// <summary>Writes <paramref name="track"/> to <paramref name="stream"/> as UTF-8 GPX 1.1.</summary>
    public static void Write(Stream stream, SidecarTrack track)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(track);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("gpx", Namespace);
        xml.WriteAttributeString("version", "1.1");
        xml.WriteAttributeString("creator", "RafeCast");

        // Schema order: metadata, wpt*, rte*, trk*, extensions.
        xml.WriteStartElement("metadata", Namespace);
        xml.WriteElementString("name", Namespace, track.Title);
        xml.WriteElementString("time", Namespace, Utc(track.StartUtc));
        xml.WriteEndElement();

        foreach (var crossing in track.Crossings)
        {
            xml.WriteStartElement("wpt", Namespace);
            xml.WriteAttributeString("lat", Invariant($"{Degrees(crossing.Position.Latitude)}"));
            xml.WriteAttributeString("lon", Invariant($"{Degrees(crossing.Position.Longitude)}"));
            xml.WriteElementString("ele", Namespace, Invariant($"{Metres(crossing.Position.AltitudeAmsl)}"));
            xml.WriteElementString("time", Namespace, Utc(crossing.TimeUtc));
            xml.WriteElementString("name", Namespace, $"{Direction(crossing.Direction)} {crossing.DomeId}");
            xml.WriteElementString("type", Namespace, "dome-crossing");
            xml.WriteEndElement();
        }

        xml.WriteStartElement("trk", Namespace);
        xml.WriteElementString("name", Namespace, track.Title);
        if (track.Tags is { } tags)
        {
            xml.WriteElementString("desc", Namespace, tags.Classification.ToString());
        }
        foreach (var run in track.Runs)
        {
            xml.WriteStartElement("trkseg", Namespace);
            foreach (var point in run)
            {
                xml.WriteStartElement("trkpt", Namespace);
                xml.WriteAttributeString("lat", Invariant($"{Degrees(point.Position.Latitude)}"));
                xml.WriteAttributeString("lon", Invariant($"{Degrees(point.Position.Longitude)}"));
                xml.WriteElementString("ele", Namespace, Invariant($"{Metres(point.Position.AltitudeAmsl)}"));
                xml.WriteElementString("time", Namespace, Utc(point.TimeUtc));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
