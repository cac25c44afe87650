using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Tests.Microservices;

public sealed class ParameterClientTests
{
    private static readonly TimeSpan Wait = StationFixture.Wait;
    private static readonly (string Name, float Value)[] Onboard = [("RTL_ALT", 1500), ("WPNAV_SPEED", 500), ("FENCE_ENABLE", 1), ("BATT_CAPACITY", 5200), ("SYSID_THISMAV", 1)];

    private static ParamValue Value(int index, float? value = null)
    {
        var message = new ParamValue { ParamValueValue = value ?? Onboard[index].Value, ParamType = MavParamType.Real32, ParamCount = (ushort)Onboard.Length, ParamIndex = (ushort)index };
        message.SetParamId(Onboard[index].Name);
        return message;
    }

    [Fact]
    public async Task ReadAsync_ByName_ReturnsTheVehiclesValue()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<ParamRequestRead>(out var read)
            ? [v => v.SendAsync(Value(Array.FindIndex(Onboard, p => p.Name == read.GetParamId())))]
            : null;

        var value = await vehicle.Parameters.ReadAsync("WPNAV_SPEED", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(("WPNAV_SPEED", 500f, 1), (value.Name, value.Value, value.Index));
        Assert.Equal(-1, fixture.Vehicle.ReceivedMessages<ParamRequestRead>().Single().ParamIndex);
    }

    [Fact]
    public async Task ListAsync_StreamMissesOne_FetchesItByIndex()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f =>
        {
            if (f.Is<ParamRequestList>(out _))
            {
                return [.. Enumerable.Range(0, Onboard.Length).Where(i => i != 3).Select(i => (Func<FakeAutopilot, ValueTask>)(v => v.SendAsync(Value(i))))];
            }
            return f.Is<ParamRequestRead>(out var read) && read.ParamIndex >= 0 ? [v => v.SendAsync(Value(read.ParamIndex))] : null;
        };

        var list = vehicle.Parameters.ListAsync(CancellationToken.None);
        await fixture.AdvanceUntil(() => list.IsCompleted, "the list to finish");
        var parameters = await list;

        Assert.Equal(Onboard.Select(p => p.Name).Order(), parameters.Keys.Order());
        Assert.Equal(5200f, parameters["BATT_CAPACITY"].Value);
        Assert.Equal(3, fixture.Vehicle.ReceivedMessages<ParamRequestRead>().Single().ParamIndex);
    }

    [Fact]
    public async Task SetAsync_Parameter_ReturnsTheValueTheVehicleConfirms()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<ParamSet>(out var set) ? [v => v.SendAsync(Value(0, set.ParamValue))] : null;

        var value = await vehicle.Parameters.SetAsync("RTL_ALT", 2500, MavParamType.Real32, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(2500f, value.Value);
        var sent = fixture.Vehicle.ReceivedMessages<ParamSet>().Single();
        Assert.Equal("RTL_ALT", sent.GetParamId());
        Assert.Equal((1, 1), (sent.TargetSystem, sent.TargetComponent));
    }

    [Fact]
    public async Task ReadAsync_UnknownParameter_TimesOut()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();

        var read = vehicle.Parameters.ReadAsync("NO_SUCH", CancellationToken.None);
        await fixture.AdvanceUntil(() => read.IsCompleted, "the read to give up");

        await Assert.ThrowsAsync<Mavlink.Microservices.MavlinkTimeoutException>(() => read);
    }
}
