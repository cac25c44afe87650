using RafeCast.Core.Vehicles;

namespace RafeCast.Mavlink.Framing;

/// <summary>
/// What a parser has seen so far. Updated by the parser's thread only; other threads (metrics, status
/// commands) may read at any time and see slightly stale values, never a torn collection.
/// </summary>
public sealed class MavlinkCounters
{
    // The dictionary belongs to the parser's thread; readers get the copy-on-write array, replaced only when a
    // new sender appears (rare), so the per-frame path stays lock- and allocation-free.
    private readonly Dictionary<ushort, SequenceCounter> _sources = [];
    private SequenceCounter[] _published = [];
    private SequenceCounter? _lastSource;

    /// <summary>Bytes fed to the parser.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Frames handed up (known and unknown ids).</summary>
    public long Frames { get; internal set; }

    public long FramesV1 { get; internal set; }

    public long FramesV2 { get; internal set; }

    /// <summary>Frames that carried a signature (whether or not it was later verified).</summary>
    public long SignedFrames { get; internal set; }

    /// <summary>Candidate frames of a known message id whose checksum did not match.</summary>
    public long CrcErrors { get; internal set; }

    /// <summary>Bytes that were not part of any frame handed up (garbage, damaged frames, dropped frames).</summary>
    public long DroppedBytes { get; internal set; }

    /// <summary>Frames handed up with a message id the dialect does not know.</summary>
    public long UnknownMessages { get; internal set; }

    /// <summary>Valid frames dropped because they set incompatibility flags this library does not understand.</summary>
    public long IncompatibleFrames { get; internal set; }

    /// <summary>Sequence statistics per sending component, in (sysid, compid) order.</summary>
    public IReadOnlyList<SequenceCounter> Sources => [.. Volatile.Read(ref _published).OrderBy(s => s.Source.SystemId).ThenBy(s => s.Source.ComponentId)];

    /// <summary>Frames missing from all senders' sequences, as a percentage of frames expected.</summary>
    public double PacketLossPercent
    {
        get
        {
            long received = 0, lost = 0;
            foreach (var source in Volatile.Read(ref _published))
            {
                received += source.Received;
                lost += source.Lost;
            }
            return received + lost == 0 ? 0 : 100.0 * lost / (received + lost);
        }
    }

    internal void CountSequence(byte systemId, byte componentId, byte sequence)
    {
        var key = (ushort)((systemId << 8) | componentId);
        var source = _lastSource;
        if (source is null || source.Key != key)
        {
            if (!_sources.TryGetValue(key, out source))
            {
                source = new SequenceCounter(key);
                _sources.Add(key, source);
                Volatile.Write(ref _published, [.. _published, source]);
            }
            _lastSource = source;
        }
        source.Count(sequence);
    }

    public override string ToString() =>
        $"frames {Frames} (v1 {FramesV1}, v2 {FramesV2}, signed {SignedFrames}), crc errors {CrcErrors}, dropped bytes {DroppedBytes}, unknown ids {UnknownMessages}, incompatible {IncompatibleFrames}, packet loss {PacketLossPercent:F2} %";
}

/// <summary>Sequence numbers seen from one sender, and the gaps in them.</summary>
public sealed class SequenceCounter
{
    private bool _started;
    private byte _last;

    internal SequenceCounter(ushort key)
    {
        Key = key;
        Source = new VehicleId((byte)(key >> 8), (byte)key);
    }

    internal ushort Key { get; }

    public VehicleId Source { get; }

    public long Received { get; private set; }

    /// <summary>Frames missing from the sequence (gaps of less than half the 256 range).</summary>
    public long Lost { get; private set; }

    /// <summary>Frames that arrived with an older or repeated sequence number (reordered, duplicated or a sender restart).</summary>
    public long OutOfOrder { get; private set; }

    public double LossPercent => Received + Lost == 0 ? 0 : 100.0 * Lost / (Received + Lost);

    internal void Count(byte sequence)
    {
        if (_started)
        {
            var gap = (byte)(sequence - _last - 1);
            // A forward jump is loss; a jump of more than half the range is a step backwards (duplicate,
            // reorder or restart), which is not counted as loss.
            if (gap is > 0 and < 128)
            {
                Lost += gap;
            }
            else if (gap >= 128)
            {
                OutOfOrder++;
            }
        }
        _started = true;
        _last = sequence;
        Received++;
    }

    public override string ToString() => $"{Source}: received {Received}, lost {Lost} ({LossPercent:F2} %), out of order {OutOfOrder}";
}
