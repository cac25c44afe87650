using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RafeCast.GroundStation.Observability;
using RafeCast.GroundStation.Tests.Support;

namespace RafeCast.GroundStation.Tests.Observability;

public sealed class PrometheusExporterTests : IDisposable
{
    // A meter name of its own per test, so parallel tests never see each other's instruments.
    private readonly string _prefix = $"t{Guid.NewGuid():N}"[..12];
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _meter = new Meter($"RafeCast.Test{_prefix}");
        _exporter = new PrometheusExporter();
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Scrape_CounterWithAwkwardTagValues_WritesATotalWithEscapedLabelsThatParseBack()
    {
        var counter = _meter.CreateCounter<long>($"rafecast.{_prefix}.frames", "{frame}", "Frames \\ decoded\nper link");

        counter.Add(3, new KeyValuePair<string, object?>("link", "udpin:0.0.0.0:14550"), new KeyValuePair<string, object?>("note", "a \"quoted\" \\ back\nslash"));
        counter.Add(4, new KeyValuePair<string, object?>("link", "udpin:0.0.0.0:14550"), new KeyValuePair<string, object?>("note", "a \"quoted\" \\ back\nslash"));
        var text = _exporter.Scrape();

        var parsed = PrometheusText.Parse(text);
        var name = $"rafecast_{_prefix}_frames_total";
        Assert.Equal("counter", parsed.Types[name]);
        Assert.Equal(7, parsed.Value(name, ("link", "udpin:0.0.0.0:14550"), ("note", "a \"quoted\" \\ back\nslash")));
        Assert.Contains($"# HELP {name} Frames \\\\ decoded\\nper link\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_HistogramWithAdvice_WritesCumulativeBucketsSumAndCount()
    {
        var histogram = _meter.CreateHistogram<double>($"rafecast.{_prefix}.latency", "s", "Latency",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });

        foreach (var value in new[] { 0.05, 0.1, 0.3, 0.7, 5.0 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("stream", "v1-cam0"));
        }
        var parsed = PrometheusText.Parse(_exporter.Scrape());

        var name = $"rafecast_{_prefix}_latency_seconds";
        Assert.Equal("histogram", parsed.Types[name]);
        Assert.Equal(2, parsed.Value(name + "_bucket", ("stream", "v1-cam0"), ("le", "0.1")));
        Assert.Equal(3, parsed.Value(name + "_bucket", ("stream", "v1-cam0"), ("le", "0.5")));
        Assert.Equal(4, parsed.Value(name + "_bucket", ("stream", "v1-cam0"), ("le", "1")));
        Assert.Equal(5, parsed.Value(name + "_bucket", ("stream", "v1-cam0"), ("le", "+Inf")));
        Assert.Equal(5, parsed.Value(name + "_count", ("stream", "v1-cam0")));
        Assert.Equal(6.15, parsed.Value(name + "_sum", ("stream", "v1-cam0"))!.Value, 9);
    }

    [Fact]
    public void Scrape_ObservableGaugeAndUpDownCounter_ReportTheirCurrentValues()
    {
        var depth = 3;
        _meter.CreateObservableGauge($"rafecast.{_prefix}.outbox_depth", () => depth, "{segment}", "Outbox depth");
        var inFlight = _meter.CreateUpDownCounter<int>($"rafecast.{_prefix}.in_flight");
        inFlight.Add(5);
        inFlight.Add(-2);

        var first = PrometheusText.Parse(_exporter.Scrape());
        depth = 11;
        var second = PrometheusText.Parse(_exporter.Scrape());

        Assert.Equal("gauge", first.Types[$"rafecast_{_prefix}_outbox_depth"]);
        Assert.Equal(3, first.Value($"rafecast_{_prefix}_outbox_depth"));
        Assert.Equal(11, second.Value($"rafecast_{_prefix}_outbox_depth"));
        Assert.Equal("gauge", first.Types[$"rafecast_{_prefix}_in_flight"]);
        Assert.Equal(3, second.Value($"rafecast_{_prefix}_in_flight"));
    }

    [Fact]
    public void Scrape_MeterNotNamedRafeCast_IsLeftOut()
    {
        using var other = new Meter($"Other.{_prefix}");
        other.CreateCounter<long>($"other.{_prefix}.things").Add(1);
        _meter.CreateCounter<long>($"rafecast.{_prefix}.things").Add(1);

        var text = _exporter.Scrape();

        Assert.Contains($"rafecast_{_prefix}_things_total 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"other_{_prefix}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_MeterOfAnotherContainer_IsLeftOut()
    {
        using var mine = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var myFactory = mine.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(myFactory);
        myFactory.Create("RafeCast.Scoped").CreateCounter<long>($"rafecast.{_prefix}.mine").Add(1);
        theirs.GetRequiredService<IMeterFactory>().Create("RafeCast.Scoped").CreateCounter<long>($"rafecast.{_prefix}.theirs").Add(1);

        var text = exporter.Scrape();

        Assert.Contains($"rafecast_{_prefix}_mine_total 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"rafecast_{_prefix}_theirs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_ExistingSeriesWithStringTags_AllocatesNothing()
    {
        var counter = _meter.CreateCounter<long>($"rafecast.{_prefix}.hot");
        var histogram = _meter.CreateHistogram<double>($"rafecast.{_prefix}.hot_latency", "ms");
        var link = new KeyValuePair<string, object?>("link", "udpin:0.0.0.0:14550");
        var vehicle = new KeyValuePair<string, object?>("vehicle", "1/1");
        counter.Add(1, link, vehicle);
        histogram.Record(1.5, link, vehicle);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            counter.Add(1, link, vehicle);
            histogram.Record(i % 100, link, vehicle);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_001, PrometheusText.Parse(_exporter.Scrape()).Value($"rafecast_{_prefix}_hot_total", ("link", "udpin:0.0.0.0:14550"), ("vehicle", "1/1")));
    }

    [Fact]
    public void Record_AlternatingAndEqualButDistinctTags_EachSeriesCountsItsOwn()
    {
        var counter = _meter.CreateCounter<long>($"rafecast.{_prefix}.alternating");
        var one = new KeyValuePair<string, object?>("vehicle", "1/1");
        var two = new KeyValuePair<string, object?>("vehicle", "2/1");

        for (var i = 0; i < 100; i++)
        {
            counter.Add(1, i % 2 == 0 ? one : two);
        }
        // Equal text in another string instance and a boxed number are the same series as before.
        counter.Add(1, new KeyValuePair<string, object?>("vehicle", string.Concat("1/", "1")));
        counter.Add(1, new KeyValuePair<string, object?>("vehicle", 7));
        counter.Add(1, new KeyValuePair<string, object?>("vehicle", 7));
        var parsed = PrometheusText.Parse(_exporter.Scrape());

        Assert.Equal(51, parsed.Value($"rafecast_{_prefix}_alternating_total", ("vehicle", "1/1")));
        Assert.Equal(50, parsed.Value($"rafecast_{_prefix}_alternating_total", ("vehicle", "2/1")));
        Assert.Equal(2, parsed.Value($"rafecast_{_prefix}_alternating_total", ("vehicle", "7")));
    }

    [Fact]
    public void Scrape_SameLabelsRecordedInAnotherOrder_IsOneSeries()
    {
        var counter = _meter.CreateCounter<long>($"rafecast.{_prefix}.ordered");

        counter.Add(1, new KeyValuePair<string, object?>("a", "1"), new KeyValuePair<string, object?>("b", "2"));
        counter.Add(2, new KeyValuePair<string, object?>("b", "2"), new KeyValuePair<string, object?>("a", "1"));
        var parsed = PrometheusText.Parse(_exporter.Scrape());

        Assert.Equal(3, parsed.Value($"rafecast_{_prefix}_ordered_total", ("a", "1"), ("b", "2")));
    }
}
