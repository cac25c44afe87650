namespace RafeCast.Core.Vehicles;

/// <summary>
/// A MAVLink component on the network: the vehicle's system id (1..255) and the component id
/// (1 = autopilot, 100 = camera, 190 = mission planner, ...).
/// </summary>
public readonly record struct VehicleId(byte SystemId, byte ComponentId)
{
    /// <summary>The autopilot component id, used when a vehicle is named by system id alone.</summary>
    public const byte AutopilotComponent = 1;

    /// <summary>The autopilot of system <paramref name="systemId"/>.</summary>
    public static VehicleId Autopilot(byte systemId) => new(systemId, AutopilotComponent);

    /// <summary>"sysid/compid", e.g. "1/1".</summary>
    public override string ToString() => $"{SystemId}/{ComponentId}";
}
