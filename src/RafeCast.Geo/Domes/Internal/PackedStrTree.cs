using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace RafeCast.Geo.Domes.Internal;

/// <summary>
/// An STR-tree bulk-loaded by NetTopologySuite (<see cref="STRtree{TItem}"/>, Sort-Tile-Recursive) and then
/// packed into flat arrays, breadth first: node bounds side by side, each node's children contiguous.
/// Queries read plain arrays with an explicit stack, no interface calls and no allocation.
/// </summary>
internal sealed class PackedStrTree
{

    // Node n: bounds at [4n .. 4n+3] = minX, minY, maxX, maxY; children [First[n], First[n] + Count[n]) in
    // the node arrays, or in the item arrays when ItemsBelow[n].
    private readonly double[] _nodeBounds;
    private readonly int[] _first;
    private readonly int[] _count;
    private readonly bool[] _itemsBelow;
    private readonly double[] _itemBounds;
    private readonly int[] _items;
    // A depth-first walk holds at most (children per node - 1) pending siblings per level, plus one.
    private readonly int _stackSize;

    public PackedStrTree(IReadOnlyList<(Envelope Bounds, int Item)> entries)
    {
        var tree = new STRtree<int>();
        foreach (var (bounds, item) in entries)
        {
            tree.Insert(bounds, item);
        }
        tree.Build();
        if (tree.IsEmpty)
        {
            _nodeBounds = [];
            _first = _count = _items = [];
            _itemsBelow = [];
            _itemBounds = [];
            _stackSize = 1;
            return;
        }
        var nodes = new List<AbstractNode<Envelope, int>> { tree.Root };
        var first = new List<int>();
        var count = new List<int>();
        var itemsBelow = new List<bool>();
        var nodeBounds = new List<double>();
        var itemBounds = new List<double>();
        var items = new List<int>();
        var levels = new List<int> { 0 };
        var widest = 1;
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            widest = Math.Max(widest, node.ChildBoundables.Count);
            Add(nodeBounds, node.Bounds);
            var children = node.ChildBoundables;
            var holdsItems = children.Count > 0 && children[0] is not AbstractNode<Envelope, int>;
            first.Add(holdsItems ? items.Count : nodes.Count);
            count.Add(children.Count);
            itemsBelow.Add(holdsItems);
            foreach (var child in children)
            {
                if (child is AbstractNode<Envelope, int> inner)
                {
                    if (holdsItems)
                    {
                        throw new InvalidOperationException("An STR-tree node holds both nodes and items.");
                    }
                    nodes.Add(inner);
                    levels.Add(levels[n] + 1);
                }
                else
                {
                    if (!holdsItems)
                    {
                        throw new InvalidOperationException("An STR-tree node holds both nodes and items.");
                    }
                    Add(itemBounds, child.Bounds);
                    items.Add(child.Item);
                }
            }
        }
        _nodeBounds = [.. nodeBounds];
        _first = [.. first];
        _count = [.. count];
        _itemsBelow = [.. itemsBelow];
        _itemBounds = [.. itemBounds];
        _items = [.. items];
        _stackSize = ((levels[^1] + 1) * widest) + 1;
    }

    public bool IsEmpty => _first.Length == 0;

    /// <summary>Calls <paramref name="visitor"/> for every item whose bounds contain (x, y); allocation-free.</summary>
    public int VisitContaining<TVisitor>(double x, double y, ref TVisitor visitor)
        where TVisitor : IItemVisitor, allows ref struct
    {
        if (IsEmpty || !Contains(_nodeBounds, 0, x, y))
        {
            return 0;
        }
        Span<int> stack = stackalloc int[_stackSize];
        var top = 0;
        stack[top++] = 0;
        var visited = 0;
        while (top > 0)
        {
            var node = stack[--top];
            var start = _first[node];
            var end = start + _count[node];
            if (_itemsBelow[node])
            {
                for (var i = start; i < end; i++)
                {
                    if (Contains(_itemBounds, i, x, y))
                    {
                        visited++;
                        visitor.Visit(_items[i]);
                    }
                }
            }
            else
            {
                for (var c = start; c < end; c++)
                {
                    if (Contains(_nodeBounds, c, x, y))
                    {
                        stack[top++] = c;
                    }
                }
            }
        }
        return visited;
    }

    /// <summary>Adds every item whose bounds meet the box to <paramref name="items"/>.</summary>
    public void CollectIntersecting(double minX, double minY, double maxX, double maxY, List<int> items)
    {
        if (IsEmpty)
        {
            return;
        }
        Span<int> stack = stackalloc int[_stackSize];
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var node = stack[--top];
            if (!Intersects(_nodeBounds, node, minX, minY, maxX, maxY))
            {
                continue;
            }
            var start = _first[node];
            var end = start + _count[node];
            for (var i = start; i < end; i++)
            {
                if (_itemsBelow[node])
                {
                    if (Intersects(_itemBounds, i, minX, minY, maxX, maxY))
                    {
                        items.Add(_items[i]);
                    }
                }
                else
                {
                    stack[top++] = i;
                }
            }
        }
    }

    /// <summary>
    /// Best-first branch and bound: children in order of their lower bound (from <paramref name="search"/>),
    /// pruned against the best found so far; <paramref name="search"/> measures items and keeps the best.
    /// </summary>
    public void Nearest<TSearch>(ref TSearch search)
        where TSearch : struct, INearestSearch
    {
        if (!IsEmpty)
        {
            Nearest(0, ref search);
        }
    }

    private void Nearest<TSearch>(int node, ref TSearch search)
        where TSearch : struct, INearestSearch
    {
        var start = _first[node];
        var n = _count[node];
        var bounds = _itemsBelow[node] ? _itemBounds : _nodeBounds;
        Span<double> lowerBounds = stackalloc double[n];
        Span<int> order = stackalloc int[n];
        for (var i = 0; i < n; i++)
        {
            var b = (start + i) * 4;
            lowerBounds[i] = search.LowerBound(bounds[b], bounds[b + 1], bounds[b + 2], bounds[b + 3]);
            order[i] = i;
            for (var j = i; j > 0 && lowerBounds[order[j]] < lowerBounds[order[j - 1]]; j--)
            {
                (order[j], order[j - 1]) = (order[j - 1], order[j]);
            }
        }
        for (var k = 0; k < n; k++)
        {
            var i = order[k];
            if (lowerBounds[i] >= search.Best)
            {
                break;
            }
            if (_itemsBelow[node])
            {
                search.Measure(_items[start + i]);
            }
            else
            {
                Nearest(start + i, ref search);
            }
        }
    }

    private static bool Contains(double[] bounds, int index, double x, double y)
    {
        var b = index * 4;
        return x >= bounds[b] && y >= bounds[b + 1] && x <= bounds[b + 2] && y <= bounds[b + 3];
    }

    private static bool Intersects(double[] bounds, int index, double minX, double minY, double maxX, double maxY)
    {
        var b = index * 4;
        return maxX >= bounds[b] && maxY >= bounds[b + 1] && minX <= bounds[b + 2] && minY <= bounds[b + 3];
    }

    private static void Add(List<double> bounds, Envelope envelope)
    {
        bounds.Add(envelope.MinX);
        bounds.Add(envelope.MinY);
        bounds.Add(envelope.MaxX);
        bounds.Add(envelope.MaxY);
    }
}

/// <summary>What a containment query does with each item found (a struct, so the call is inlined).</summary>
internal interface IItemVisitor
{
    void Visit(int item);
}

/// <summary>A nearest-item search: lower bounds for boxes, exact measure for items, the best so far.</summary>
internal interface INearestSearch
{
    /// <summary>The best (smallest) value found so far.</summary>
    double Best { get; }

    /// <summary>A lower bound of the value of anything inside the box.</summary>
    double LowerBound(double minX, double minY, double maxX, double maxY);

    /// <summary>Measures an item, keeping it when it is the best so far.</summary>
    void Measure(int item);
}
