using System.Globalization;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Microservices;
using RafeCast.Mavlink.Microservices.Parameters;
using RafeCast.Mavlink.Vehicles;
using RafeCast.Simulator.Plans;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>
/// Runs pilot commands on the selected vehicle through the MAVLink stack's microservice clients (commands
/// with retries and acks, missions, parameters, flight modes by name) and turns what the vehicle answered into
/// a <see cref="PilotResult"/>: accepted, denied, failed or timed out, with the STATUSTEXTs it sent meanwhile.
/// </summary>
internal sealed class PilotCommandRunner(PilotSession session, TimeProvider time)
{
    private readonly Dictionary<byte, (double Altitude, long At)> _takeoffAltitudes = [];

    /// <summary>How long `vehicle N` waits to hear a vehicle it has not heard yet.</summary>
    public TimeSpan SelectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to keep listening for the STATUSTEXT that explains a refusal after its ack.</summary>
    public TimeSpan ExplanationGrace { get; init; } = TimeSpan.FromMilliseconds(150);

    public async Task<PilotResult> RunAsync(PilotCommand command, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var vehicle = session.Selected;
        var mark = session.MessageCount;
        PilotResult result;
        try
        {
            result = await RunCoreAsync(command, vehicle, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (MavlinkCommandException ex)
        {
            result = Refused(command, vehicle, ex.Result, $"the vehicle answered {Name(ex.Result)}");
        }
        catch (MavlinkMissionException ex)
        {
            var outcome = ex.Result is MavMissionResult.Denied or MavMissionResult.Unsupported or MavMissionResult.NoSpace ? PilotOutcome.Denied : PilotOutcome.Failed;
            result = new PilotResult(command, vehicle.Id.SystemId, outcome, ex.Message, default) { VehicleResult = Name(ex.Result) };
        }
        catch (MavlinkTimeoutException ex)
        {
            result = new PilotResult(command, vehicle.Id.SystemId, PilotOutcome.TimedOut, TimeoutDetail(command, ex), default);
        }
        catch (TimeoutException ex)
        {
            result = new PilotResult(command, vehicle.Id.SystemId, PilotOutcome.TimedOut, ex.Message, default);
        }
        catch (ArgumentException ex)
        {
            // The message is for the pilot; the parameter name suffix is for programmers.
            var message = ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            result = new PilotResult(command, vehicle.Id.SystemId, PilotOutcome.Error, message, default);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FlightPlanException)
        {
            result = new PilotResult(command, vehicle.Id.SystemId, PilotOutcome.Error, ex.Message, default);
        }

        if (command.TalksToVehicle && result.Outcome != PilotOutcome.Accepted && ExplanationGrace > TimeSpan.Zero)
        {
            // The autopilot's reason may follow its ack by a moment.
            await Task.Delay(ExplanationGrace, time, cancellationToken).ConfigureAwait(false);
        }
        var texts = command.TalksToVehicle
            ? session.Messages(mark).Where(m => m.SystemId == vehicle.Id.SystemId).Select(m => m.Text).ToList()
            : [];
        var detail = result.Detail;
        if (texts.Count > 0 && result.Outcome is PilotOutcome.Denied or PilotOutcome.Failed)
        {
            // The vehicle's own words say more than the result code.
            detail = $"{string.Join("; ", texts)} ({detail})";
        }
        return result with { Detail = detail, StatusTexts = texts, Elapsed = time.GetElapsedTime(started) };
    }

    private async Task<PilotResult> RunCoreAsync(PilotCommand command, Vehicle vehicle, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var id = vehicle.Id.SystemId;
        switch (command.Verb)
        {
            case PilotVerb.Arm:
                progress?.Report("arming");
                await vehicle.ArmAsync(cancellationToken).ConfigureAwait(false);
                return Accepted(command, id);
            case PilotVerb.Disarm:
                progress?.Report("disarming");
                await vehicle.DisarmAsync(cancellationToken).ConfigureAwait(false);
                return Accepted(command, id);
            case PilotVerb.Takeoff:
                {
                    var switched = string.Empty;
                    // ArduCopter takes off in GUIDED; from STABILIZE and friends switch first, as ground stations do.
                    if (vehicle.Autopilot == MavAutopilot.Ardupilotmega && vehicle.State.FlightMode is not ("GUIDED" or "LOITER" or "POSHOLD" or "ALT_HOLD"))
                    {
                        progress?.Report("switching to GUIDED");
                        await vehicle.SetFlightModeAsync("GUIDED", cancellationToken).ConfigureAwait(false);
                        switched = "switched to GUIDED, ";
                    }
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"taking off to {command.Altitude:0.#} m"));
                    await vehicle.TakeoffAsync(command.Altitude, cancellationToken).ConfigureAwait(false);
                    lock (_takeoffAltitudes)
                    {
                        _takeoffAltitudes[id] = (command.Altitude, time.GetTimestamp());
                    }
                    return Accepted(command, id, string.Create(CultureInfo.InvariantCulture, $"{switched}climbing to {command.Altitude:0.#} m"));
                }
            case PilotVerb.Land:
                progress?.Report("landing");
                await vehicle.LandAsync(cancellationToken).ConfigureAwait(false);
                return Accepted(command, id);
            case PilotVerb.Rtl:
                progress?.Report("returning to launch");
                await vehicle.ReturnToLaunchAsync(cancellationToken).ConfigureAwait(false);
                return Accepted(command, id);
            case PilotVerb.Mode:
                progress?.Report($"switching to {command.Argument}");
                await vehicle.SetFlightModeAsync(command.Argument, cancellationToken).ConfigureAwait(false);
                return Accepted(command, id);
            case PilotVerb.Goto:
                {
                    var altitude = double.IsNaN(command.Altitude) ? DefaultGotoAltitude(vehicle) : command.Altitude;
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"flying to {command.Latitude:0.######}, {command.Longitude:0.######} at {altitude:0.#} m"));
                    await vehicle.GotoAsync(command.Latitude, command.Longitude, altitude, cancellationToken).ConfigureAwait(false);
                    return Accepted(command, id, string.Create(CultureInfo.InvariantCulture, $"heading for {command.Latitude:0.######}, {command.Longitude:0.######} at {altitude:0.#} m"));
                }
            case PilotVerb.MissionUpload:
                {
                    var plan = FlightPlan.Load(command.Argument);
                    var items = MissionFiles.ToUpload(plan, vehicle);
                    progress?.Report($"uploading {items.Count} items");
                    await vehicle.Missions.UploadAsync(items, cancellationToken).ConfigureAwait(false);
                    return Accepted(command, id, $"{plan.Items.Count} item(s) uploaded");
                }
            case PilotVerb.MissionDownload:
                {
                    progress?.Report("downloading the mission");
                    var items = await vehicle.Missions.DownloadAsync(cancellationToken).ConfigureAwait(false);
                    var count = MissionFiles.Save(command.Argument, items, vehicle.Autopilot);
                    return Accepted(command, id, $"{count} item(s) saved to {command.Argument}");
                }
            case PilotVerb.MissionClear:
                progress?.Report("clearing the mission");
                await vehicle.Missions.ClearAsync(cancellationToken).ConfigureAwait(false);
                return Accepted(command, id);
            case PilotVerb.MissionStart:
                progress?.Report("starting the mission");
                await vehicle.Commands.RunAsync(new CommandLong { Command = MavCmd.MissionStart }, cancellationToken).ConfigureAwait(false);
                return Accepted(command, id);
            case PilotVerb.ParamGet:
                {
                    progress?.Report($"reading {command.Argument}");
                    var value = await vehicle.Parameters.ReadAsync(command.Argument, cancellationToken).ConfigureAwait(false);
                    return Accepted(command, id, Describe(value)) with { Parameters = [value] };
                }
            case PilotVerb.ParamSet:
                {
                    progress?.Report($"reading {command.Argument}");
                    var before = await vehicle.Parameters.ReadAsync(command.Argument, cancellationToken).ConfigureAwait(false);
                    progress?.Report($"setting {command.Argument}");
                    var after = await vehicle.Parameters.SetAsync(command.Argument, command.Value, before.Type, cancellationToken).ConfigureAwait(false);
                    var wanted = IsInteger(before.Type) ? MathF.Truncate(command.Value) : command.Value;
                    return after.Value == wanted
                        ? Accepted(command, id, Describe(after)) with { Parameters = [after] }
                        : new PilotResult(command, id, PilotOutcome.Failed, $"the vehicle kept {Describe(after)}", default) { Parameters = [after] };
                }
            case PilotVerb.ParamList:
                {
                    progress?.Report("listing parameters");
                    var all = await vehicle.Parameters.ListAsync(cancellationToken).ConfigureAwait(false);
                    var chosen = all.Values.Where(p => p.Name.StartsWith(command.Argument, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
                    return Accepted(command, id, $"{chosen.Count} of {all.Count} parameter(s)") with { Parameters = chosen };
                }
            case PilotVerb.Vehicle:
                {
                    progress?.Report($"looking for vehicle {command.SystemId}");
                    try
                    {
                        var chosen = await session.SelectAsync(command.SystemId, SelectTimeout, cancellationToken).ConfigureAwait(false);
                        return new PilotResult(command, command.SystemId, PilotOutcome.Done, $"flying {chosen}", default);
                    }
                    catch (TimeoutException)
                    {
                        var known = string.Join(", ", session.Station.Vehicles.Select(v => v.Id.SystemId).Distinct().Order());
                        return new PilotResult(command, id, PilotOutcome.Error, $"no vehicle {command.SystemId} heard on {session.Connection} (heard: {(known.Length == 0 ? "none" : known)}); still flying vehicle {id}", default);
                    }
                }
            case PilotVerb.Wait:
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"waiting {command.Seconds:0.#} s"));
                await Task.Delay(TimeSpan.FromSeconds(command.Seconds), time, cancellationToken).ConfigureAwait(false);
                return new PilotResult(command, id, PilotOutcome.Done, string.Empty, default);
            case PilotVerb.Status:
                // Mode and arming come with the heartbeat: wait for the next one so the status shows what the
                // commands before it did.
                progress?.Report("waiting for a heartbeat");
                try
                {
                    await vehicle.WaitForAsync<Heartbeat>(TimeSpan.FromSeconds(1.5), cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // A silent link shows as such in the panel.
                }
                return new PilotResult(command, id, PilotOutcome.Done, string.Empty, default);
            case PilotVerb.Help:
                return new PilotResult(command, id, PilotOutcome.Done, string.Empty, default)
                {
                    Lines = [.. PilotCommandParser.Help.Select(h => $"{h.Usage,-24} {h.What}")],
                };
            default:
                return new PilotResult(command, id, PilotOutcome.Done, string.Empty, default);
        }
    }

    /// <summary>
    /// A goto without ALT keeps the vehicle's altitude; right after a take-off that is the altitude it climbs to,
    /// not the few metres it has reached (so "takeoff 30; goto ..." flies at 30 m).
    /// </summary>
    private double DefaultGotoAltitude(Vehicle vehicle)
    {
        var state = vehicle.State;
        var current = state.Position?.AltitudeRelative ?? 0;
        lock (_takeoffAltitudes)
        {
            if (!_takeoffAltitudes.TryGetValue(vehicle.Id.SystemId, out var takeoff))
            {
                return current;
            }
            // On the ground well after the take-off: it has landed since (the landed state lags the ack by up to a second).
            if (state.LandedState == MavLandedState.OnGround && time.GetElapsedTime(takeoff.At) > TimeSpan.FromSeconds(5))
            {
                _takeoffAltitudes.Remove(vehicle.Id.SystemId);
                return current;
            }
            return Math.Max(current, takeoff.Altitude);
        }
    }

    private static PilotResult Accepted(PilotCommand command, byte id, string detail = "") =>
        new(command, id, PilotOutcome.Accepted, detail, default) { VehicleResult = command.TalksToVehicle && command.Verb is not (PilotVerb.ParamGet or PilotVerb.ParamSet or PilotVerb.ParamList) ? "ACCEPTED" : null };

    private static PilotResult Refused(PilotCommand command, Vehicle vehicle, MavResult result, string detail)
    {
        var outcome = result switch
        {
            MavResult.Failed or MavResult.Cancelled => PilotOutcome.Failed,
            _ => PilotOutcome.Denied,
        };
        return new PilotResult(command, vehicle.Id.SystemId, outcome, detail, default) { VehicleResult = Name(result) };
    }

    private static string TimeoutDetail(PilotCommand command, MavlinkTimeoutException ex) => command.Verb switch
    {
        PilotVerb.ParamGet or PilotVerb.ParamSet => $"no answer for {command.Argument} after {ex.Attempts} attempt(s): the vehicle may have no such parameter",
        _ => $"no answer after {ex.Attempts} attempt(s)",
    };

    internal static string Describe(ParameterValue value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Name} = {(IsInteger(value.Type) ? value.Value.ToString("0", CultureInfo.InvariantCulture) : value.Value.ToString("0.######", CultureInfo.InvariantCulture))} ({TypeName(value.Type)})");

    private static bool IsInteger(MavParamType type) => type is not (MavParamType.Real32 or MavParamType.Real64);

    private static string TypeName(MavParamType type) => type.ToString().ToUpperInvariant();

    /// <summary>MAV_RESULT as the spec spells it, e.g. TEMPORARILY_REJECTED.</summary>
    internal static string Name(MavResult result) => SpecName(result.ToString());

    internal static string Name(MavMissionResult result) => SpecName(result.ToString());

    private static string SpecName(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToUpperInvariant(pascal[i]));
        }
        return builder.ToString();
    }
}
