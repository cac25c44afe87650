namespace RafeCast.Simulator.Links;

/// <summary>
/// The simulator's side of a link: frames it sends, in the order the vehicles wrote them. The link's receive
/// side hands bytes to <see cref="DroneSimulator.Receive"/>.
/// </summary>
public interface ISimulatorLink
{
    /// <summary>Sends one complete frame. Must copy the bytes and must not block for long (drop and count instead).</summary>
    void Send(ReadOnlySpan<byte> frame);
}
