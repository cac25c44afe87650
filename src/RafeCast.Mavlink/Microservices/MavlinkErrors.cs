using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Microservices;

/// <summary>A microservice exchange got no answer after every retry.</summary>
public sealed class MavlinkTimeoutException(string operation, VehicleId vehicle, int attempts, TimeSpan waited)
    : TimeoutException($"{operation} with vehicle {vehicle}: no answer after {attempts} attempt(s) ({waited.TotalSeconds:0.#} s).")
{
    public string Operation { get; } = operation;

    public VehicleId Vehicle { get; } = vehicle;

    public int Attempts { get; } = attempts;
}

/// <summary>A vehicle answered a command with something other than ACCEPTED.</summary>
public sealed class MavlinkCommandException(MavCmd command, MavResult result, VehicleId vehicle)
    : Exception($"Vehicle {vehicle} answered {command} with {result}.")
{
    public MavCmd Command { get; } = command;

    public MavResult Result { get; } = result;

    public VehicleId Vehicle { get; } = vehicle;
}

/// <summary>A mission transfer ended with an error from the vehicle (or a protocol violation).</summary>
public sealed class MavlinkMissionException(string message, MavMissionResult result) : Exception(message)
{
    public MavMissionResult Result { get; } = result;
}
