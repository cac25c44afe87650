namespace RafeCast.GroundStation.Live.Internal;

/// <summary>A fixed-capacity FIFO: adding to a full buffer overwrites the oldest item. Not thread-safe (callers lock).</summary>
internal sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private int _start;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    /// <summary>How many items were overwritten since the buffer was created.</summary>
    public long Overwritten { get; private set; }

    public void Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
            return;
        }
        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
        Overwritten++;
    }

    /// <summary>The newest item; the buffer must not be empty.</summary>
    public T Last => Count == 0 ? throw new InvalidOperationException("The buffer is empty.") : _items[(_start + Count - 1) % _items.Length];

    /// <summary>The items, oldest first, copied.</summary>
    public T[] ToArray()
    {
        var copy = new T[Count];
        for (var i = 0; i < Count; i++)
        {
            copy[i] = _items[(_start + i) % _items.Length];
        }
        return copy;
    }

    /// <summary>At most <paramref name="count"/> of the newest items, oldest first, copied.</summary>
    public T[] Newest(int count)
    {
        count = Math.Min(count, Count);
        var copy = new T[count];
        var skip = Count - count;
        for (var i = 0; i < count; i++)
        {
            copy[i] = _items[(_start + skip + i) % _items.Length];
        }
        return copy;
    }
}
