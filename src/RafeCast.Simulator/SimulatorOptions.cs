using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator.Camera;
using RafeCast.Simulator.Plans;

namespace RafeCast.Simulator;

/// <summary>What to simulate: how many vehicles, where, flying what, with which camera and faults.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Number of vehicles, system ids 1..N (1 to 250).</summary>
    public int Vehicles { get; init; } = 1;

    /// <summary>
    /// Home of vehicle 1 (latitude and longitude in degrees, altitude AMSL in metres). Defaults to ArduPilot SITL's
    /// default home in Canberra. Other vehicles stand <see cref="VehicleSpacingMetres"/> apart from it.
    /// </summary>
    public GeoPosition Home { get; init; } = DroneSimulator.DefaultHome;

    /// <summary>Heading the vehicles stand at before take-off, degrees.</summary>
    public double HomeHeadingDegrees { get; init; } = 353;

    /// <summary>Distance between vehicles' homes (and between their autofly paths), metres.</summary>
    public double VehicleSpacingMetres { get; init; } = 20;

    /// <summary>Seed of every random choice (GPS error, satellites, gusts): a seed and a clock give the same flight.</summary>
    public int Seed { get; init; }

    /// <summary>A mission every vehicle loads at start; with <see cref="AutoStart"/> they also fly it.</summary>
    public FlightPlan? Plan { get; init; }

    /// <summary>Arm, take off and fly <see cref="Plan"/> in AUTO without a ground station.</summary>
    public bool AutoStart { get; init; }

    /// <summary>Physics and telemetry step, default 20 ms (50 Hz).</summary>
    public TimeSpan StepInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Time after start before the GPS has a 3D fix (arming and position modes wait for it).</summary>
    public TimeSpan GpsLockDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Wind speed in m/s (the SIM_WIND_SPD parameter's start value).</summary>
    public double WindSpeed { get; init; }

    /// <summary>Direction the wind blows from, degrees (SIM_WIND_DIR).</summary>
    public double WindDirectionDegrees { get; init; } = 180;

    /// <summary>Gust size in m/s (SIM_WIND_TURB).</summary>
    public double WindTurbulence { get; init; }

    /// <summary>When set, every frame is signed and unsigned commands are dropped (MAVLink 2 signing).</summary>
    public MavlinkSigningKey? SigningKey { get; init; }

    /// <summary>The synthetic cameras; null for none (<c>--no-video</c>).</summary>
    public CameraOptions? Camera { get; init; }

    /// <summary>This instance after <see cref="Validate"/>.</summary>
    public SimulatorOptions Validated()
    {
        Validate();
        return this;
    }

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        if (Vehicles is < 1 or > 250)
        {
            throw new ArgumentException($"Vehicles must be 1 to 250 (system ids 1..N); got {Vehicles}.", nameof(Vehicles));
        }
        if (!Home.Point.IsValid)
        {
            throw new ArgumentException($"Home {Home.Point} is not a valid latitude and longitude.", nameof(Home));
        }
        if (StepInterval <= TimeSpan.Zero || StepInterval > TimeSpan.FromMilliseconds(200))
        {
            throw new ArgumentException($"StepInterval must be above 0 and at most 200 ms; got {StepInterval.TotalMilliseconds} ms.", nameof(StepInterval));
        }
        if (WindSpeed < 0 || !double.IsFinite(WindSpeed))
        {
            throw new ArgumentException($"WindSpeed must be 0 or more m/s; got {WindSpeed}.", nameof(WindSpeed));
        }
        if (AutoStart && Plan is null)
        {
            throw new ArgumentException("AutoStart needs a Plan to fly.", nameof(AutoStart));
        }
        Camera?.Validate();
    }
}
