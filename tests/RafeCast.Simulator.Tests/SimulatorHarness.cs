using Microsoft.Extensions.Time.Testing;
using RafeCast.Mavlink;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator.Links;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests;

/// <summary>
/// A simulator on fake time with an in-memory link, and a ground station's frame writer: tests send it
/// messages, advance the clock and read back what the vehicles sent, decoded by the MAVLink codec.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);

    private readonly MavlinkFrameWriter _gcs;

    public SimulatorHarness(SimulatorOptions? options = null, MavlinkSigner? gcsSigner = null)
    {
        Time = new FakeTimeProvider(Start);
        Link = new InMemorySimulatorLink();
        Simulator = new DroneSimulator(options ?? new SimulatorOptions { Seed = 7 }, Link, Time);
        _gcs = new MavlinkFrameWriter(255, 190, MavlinkVersion.V2, gcsSigner);
        Simulator.Start();
    }

    public FakeTimeProvider Time { get; }

    public InMemorySimulatorLink Link { get; }

    public DroneSimulator Simulator { get; }

    public SimulatedVehicle Vehicle(byte systemId = 1) => Simulator.Vehicle(systemId);

    public VehicleSnapshot Snapshot(byte systemId = 1) => Simulator.Vehicle(systemId).Snapshot();

    /// <summary>Sends a message from the ground station (255/190) to the simulator.</summary>
    public void Send<TMessage>(in TMessage message)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        Simulator.Receive(_gcs.ToFrame(message));
    }

    /// <summary>Sends a COMMAND_LONG to <paramref name="systemId"/> and returns the COMMAND_ACK it answered with.</summary>
    public CommandAck Command(MavCmd command, float p1 = 0, float p2 = 0, float p3 = 0, float p4 = 0, float p5 = 0, float p6 = 0, float p7 = 0, byte systemId = 1)
    {
        var before = Link.Frames.Count;
        Send(new CommandLong { TargetSystem = systemId, TargetComponent = 1, Command = command, Param1 = p1, Param2 = p2, Param3 = p3, Param4 = p4, Param5 = p5, Param6 = p6, Param7 = p7 });
        var acks = Decode<CommandAck>(systemId, before).Where(a => a.Command == command).ToList();
        Assert.True(acks.Count == 1, $"expected one COMMAND_ACK for {command} from vehicle {systemId}, got {acks.Count}");
        return acks[0];
    }

    public CommandAck SetMode(CopterMode mode, byte systemId = 1) =>
        Command(MavCmd.DoSetMode, (float)MavModeFlag.CustomModeEnabled, (float)(uint)mode, systemId: systemId);

    /// <summary>Advances the fake clock in simulation steps (the timer fires once per step).</summary>
    public void Advance(TimeSpan duration)
    {
        var step = TimeSpan.FromMilliseconds(20);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += step)
        {
            Time.Advance(step);
        }
    }

    /// <summary>Advances until <paramref name="condition"/> holds on vehicle 1's state, failing after <paramref name="limit"/> of simulated time.</summary>
    public TimeSpan AdvanceUntil(Func<VehicleSnapshot, bool> condition, TimeSpan limit, string what, byte systemId = 1)
    {
        var step = TimeSpan.FromMilliseconds(20);
        for (var elapsed = TimeSpan.Zero; elapsed <= limit; elapsed += step)
        {
            if (condition(Snapshot(systemId)))
            {
                return elapsed;
            }
            Time.Advance(step);
        }
        Assert.Fail($"After {limit.TotalSeconds:F0} s of simulated time, still waiting for {what}; state: {Snapshot(systemId)}");
        return limit;
    }

    /// <summary>Every frame sent from index <paramref name="from"/> on, parsed.</summary>
    public List<(byte System, byte Component, uint MessageId, byte[] Payload, byte[] Raw)> FramesSince(int from = 0)
    {
        var parser = new MavlinkParser();
        var result = new List<(byte, byte, uint, byte[], byte[])>();
        foreach (var raw in Link.Frames.Skip(from))
        {
            ReadOnlySpan<byte> input = raw;
            Assert.True(parser.TryRead(ref input, out var frame), "a sent frame did not parse");
            result.Add((frame.SystemId, frame.ComponentId, frame.MessageId, frame.Payload.ToArray(), raw));
        }
        return result;
    }

    /// <summary>The messages of type <typeparamref name="TMessage"/> vehicle <paramref name="systemId"/> sent from frame index <paramref name="from"/> on.</summary>
    public List<TMessage> Decode<TMessage>(byte systemId = 1, int from = 0)
        where TMessage : struct, IMavlinkMessage<TMessage> =>
        [.. FramesSince(from).Where(f => f.System == systemId && f.MessageId == TMessage.MessageId).Select(f => TMessage.Deserialize(f.Payload))];

    public List<string> StatusTexts(byte systemId = 1, int from = 0) =>
        [.. Decode<Statustext>(systemId, from).Select(s => s.GetText())];

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
