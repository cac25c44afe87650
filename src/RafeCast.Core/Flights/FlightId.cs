using System.Globalization;
using RafeCast.Core.Vehicles;

namespace RafeCast.Core.Flights;

/// <summary>
/// Names one flight of one vehicle, e.g. <c>20261126T103000Z-v1</c> (armed at 10:30:00 UTC, system id 1),
/// or <c>ground-20261126-v1</c> for footage shot while the vehicle was not flying.
/// Only letters, digits, '-', '_' and '.', so the id is safe in blob paths and blob index tags.
/// </summary>
public readonly record struct FlightId
{
    public FlightId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Length > 128 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"Flight id '{value}' may only hold letters, digits, '-', '_' and '.' (at most 128).", nameof(value));
        }
        Value = value;
    }

    public string Value { get; }

    /// <summary>The flight that starts when <paramref name="vehicle"/> arms at <paramref name="armedUtc"/>.</summary>
    public static FlightId Armed(VehicleId vehicle, DateTimeOffset armedUtc) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{armedUtc.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-v{vehicle.SystemId}"));

    /// <summary>The "ground" flight that collects a vehicle's footage outside any armed flight on a UTC day.</summary>
    public static FlightId Ground(VehicleId vehicle, DateTimeOffset dayUtc) =>
        new(string.Create(CultureInfo.InvariantCulture, $"ground-{dayUtc.UtcDateTime:yyyyMMdd}-v{vehicle.SystemId}"));

    /// <summary>True for the per-day ground flight.</summary>
    public bool IsGround => Value.StartsWith("ground-", StringComparison.Ordinal);

    public override string ToString() => Value;
}
