using RafeCast.PipelineBench;

// Finds every IPipelineBenchmark in this assembly, so adding a measurement is adding one class.
var benchmarks = typeof(Program).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IPipelineBenchmark).IsAssignableFrom(t))
    .Select(t => (IPipelineBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || benchmarks.All(b => b.Name != args[0]))
{
    Console.Error.WriteLine("usage: RafeCast.PipelineBench <name> [options]");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Name,-24} {b.Description}");
    }
    return args.Length == 0 ? 0 : 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return await benchmarks.First(b => b.Name == args[0]).RunAsync(args[1..], cts.Token);
