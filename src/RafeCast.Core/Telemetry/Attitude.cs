namespace RafeCast.Core.Telemetry;

/// <summary>Vehicle attitude in radians: roll and pitch in [-π, π], yaw in [-π, π] with 0 = north.</summary>
public readonly record struct Attitude(double RollRadians, double PitchRadians, double YawRadians)
{
    /// <summary>Yaw as a compass heading in degrees, [0, 360).</summary>
    public double YawDegrees
    {
        get
        {
            var degrees = YawRadians * 180.0 / Math.PI;
            degrees %= 360.0;
            return degrees < 0 ? degrees + 360.0 : degrees;
        }
    }
}
