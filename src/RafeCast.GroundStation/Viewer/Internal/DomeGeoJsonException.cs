namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>A dome registry file that cannot be drawn; the message names the feature and the problem.</summary>
internal sealed class DomeGeoJsonException(string message) : Exception(message);
