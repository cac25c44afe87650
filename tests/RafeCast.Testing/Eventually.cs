namespace RafeCast.Testing;

/// <summary>
/// Waits for a condition with a timeout, re-checking it every few milliseconds. This is how tests wait
/// on the outside world (a file appears, a process answers): never a fixed sleep.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await Until(() => Task.FromResult(condition()), timeout, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Async form of <see cref="Until(Func{bool}, TimeSpan, string, CancellationToken)"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var timer = new PeriodicTimer(Interval);
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return;
            }
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F1} s waiting for {what}.");
            }
        }
    }
}
