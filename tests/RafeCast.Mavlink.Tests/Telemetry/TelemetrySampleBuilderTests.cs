using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Telemetry;
using RafeCast.Mavlink.Tlog;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Telemetry;

public sealed class TelemetrySampleBuilderTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static bool Add(TelemetrySampleBuilder builder, byte[] bytes, DateTimeOffset time, out Core.Telemetry.TelemetrySample sample)
    {
        ReadOnlySpan<byte> input = bytes;
        Assert.True(new MavlinkParser().TryRead(ref input, out var frame));
        return builder.TryAdd(frame, time, out sample);
    }

    [Fact]
    public void TryAdd_PositionAfterAttitudeAndHud_CombinesThemInDegreesAndMetres()
    {
        var writer = new MavlinkFrameWriter(3, 1);
        var builder = new TelemetrySampleBuilder("udpin:0.0.0.0:14550");

        Assert.False(Add(builder, writer.ToFrame(TestFrames.Attitude()), Arrival, out _));
        Assert.False(Add(builder, writer.ToFrame(new VfrHud { Groundspeed = 7.5f, Heading = 90 }), Arrival, out _));
        Assert.True(Add(builder, writer.ToFrame(TestFrames.Position(lat: 515_000_000, lon: -1_250_000)), Arrival, out var sample));

        Assert.Equal(new VehicleId(3, 1), sample.Vehicle);
        Assert.Equal(51.5, sample.Position.Latitude, 9);
        Assert.Equal(-0.125, sample.Position.Longitude, 9);
        Assert.Equal(120.5, sample.Position.AltitudeAmsl, 9);
        Assert.Equal(50.25, sample.Position.AltitudeRelative, 9);
        Assert.Equal(270.0, sample.HeadingDegrees);
        Assert.Equal(7.5, sample.GroundSpeedMetresPerSecond);
        Assert.NotNull(sample.Attitude);
        Assert.Equal(1.5, sample.Attitude.Value.YawRadians, 6);
        Assert.Equal(Arrival, sample.TimeUtc);
        Assert.Equal("udpin:0.0.0.0:14550", sample.Source);
    }

    [Fact]
    public void TryAdd_PositionWithoutHud_TakesSpeedFromVelocityAndHeadingFromHud()
    {
        var writer = new MavlinkFrameWriter(3, 1);
        var builder = new TelemetrySampleBuilder("test");
        var position = TestFrames.Position() with { Vx = 300, Vy = 400, Hdg = ushort.MaxValue };

        Assert.True(Add(builder, writer.ToFrame(position), Arrival, out var sample));

        Assert.Equal(5.0, sample.GroundSpeedMetresPerSecond);
        Assert.Null(sample.HeadingDegrees);
        Assert.Null(sample.Attitude);
    }

    [Fact]
    public void TryAdd_AfterSystemTime_UsesTheVehicleClock()
    {
        var writer = new MavlinkFrameWriter(3, 1);
        var builder = new TelemetrySampleBuilder("test");
        var vehicleNow = new DateTimeOffset(2026, 3, 1, 11, 59, 58, TimeSpan.Zero);
        var unixMicros = (ulong)(vehicleNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        Add(builder, writer.ToFrame(new SystemTime { TimeUnixUsec = unixMicros, TimeBootMs = 60_000 }), Arrival, out _);

        Assert.True(Add(builder, writer.ToFrame(TestFrames.Position(timeBootMs: 61_500)), Arrival, out var sample));

        Assert.Equal(vehicleNow.AddMilliseconds(1500), sample.TimeUtc);
    }

    [Fact]
    public async Task ReadSamplesAsync_Tlog_YieldsOneSamplePerPosition()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("flight.tlog");
        var frames = TestFrames.Split(TestFrames.Stream(40));
        await using (var writer = TlogWriter.Create(path))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                await writer.WriteAsync(Arrival.AddMilliseconds(100 * i), frames[i], CancellationToken.None);
            }
        }

        var samples = new List<Core.Telemetry.TelemetrySample>();
        await foreach (var sample in TlogTelemetry.ReadSamplesAsync(path, CancellationToken.None))
        {
            samples.Add(sample);
        }

        Assert.Equal(10, samples.Count);
        Assert.Equal(Arrival.AddMilliseconds(100), samples[0].TimeUtc);
        Assert.All(samples, s => Assert.Equal(path, s.Source));
        // The stream sends ATTITUDE right after each position, so every sample but the first has one.
        Assert.Null(samples[0].Attitude);
        Assert.All(samples.Skip(1), s => Assert.NotNull(s.Attitude));
    }
}
