namespace RafeCast.PipelineBench;

/// <summary>One whole-pipeline measurement; it prints its own figures, each as a ratio to a baseline run alongside.</summary>
public interface IPipelineBenchmark
{
    /// <summary>The name used on the command line, e.g. "video-overhead".</summary>
    string Name { get; }

    /// <summary>One line saying what is measured and against which baseline.</summary>
    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
