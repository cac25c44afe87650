using RafeCast.Mavlink.Framing;

namespace RafeCast.Simulator.Links;

/// <summary>
/// A link that keeps what the simulator sends in memory, for tests and tools: every frame in send order, and a
/// parser's view of them (counters, CRC errors, sequence gaps).
/// </summary>
public sealed class InMemorySimulatorLink : ISimulatorLink
{
    private readonly Lock _gate = new();
    private readonly List<byte[]> _frames = [];
    private readonly MavlinkParser _parser = new();

    /// <summary>Raised after each frame is stored (on the sending thread).</summary>
    public event Action<byte[]>? FrameSent;

    public void Send(ReadOnlySpan<byte> frame)
    {
        var copy = frame.ToArray();
        lock (_gate)
        {
            _frames.Add(copy);
            ReadOnlySpan<byte> input = copy;
            while (_parser.TryRead(ref input, out _))
            {
            }
        }
        FrameSent?.Invoke(copy);
    }

    /// <summary>Every frame sent so far, oldest first (copies).</summary>
    public IReadOnlyList<byte[]> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>Counters of a parser that saw every sent byte.</summary>
    public MavlinkCounters Counters => _parser.Counters;

    /// <summary>Forgets the frames sent so far (the counters stay).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _frames.Clear();
        }
    }
}
