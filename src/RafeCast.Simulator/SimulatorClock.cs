using System.Diagnostics;

namespace RafeCast.Simulator;

/// <summary>
/// Calls the simulation step every interval. On the system clock it runs on a thread of its own, as an
/// autopilot's scheduler would: a timer's callbacks wait in the thread-pool queue, and in a host whose pool
/// threads are busy or blocked (a test host on two cores; the demo, which runs the station, its ffmpeg
/// processes and the simulator in one process) 20 ms steps stretched and the 10 Hz streams fell 20 % short.
/// Any other <see cref="TimeProvider"/> (tests' fake time) drives the step with its own timer.
/// </summary>
internal sealed class SimulatorClock : IAsyncDisposable
{
    private readonly ITimer? _timer;
    private readonly Thread? _thread;
    private readonly ManualResetEventSlim _stop = new();

    private SimulatorClock(ITimer timer) => _timer = timer;

    private SimulatorClock(Action step, TimeSpan interval)
    {
        _thread = new Thread(() => Run(step, interval)) { IsBackground = true, Name = "rafecast-sim-clock" };
        _thread.Start();
    }

    /// <summary>Starts calling <paramref name="step"/> every <paramref name="interval"/> (the first call after one interval).</summary>
    public static SimulatorClock Start(TimeProvider time, Action step, TimeSpan interval) =>
        time == TimeProvider.System ? new SimulatorClock(step, interval) : new SimulatorClock(time.CreateTimer(_ => step(), null, interval, interval));

    private void Run(Action step, TimeSpan interval)
    {
        var period = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp() + period;
        while (true)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero && _stop.Wait(wait))
            {
                return;
            }
            if (_stop.IsSet)
            {
                return;
            }
            step();
            next += period;
            if (next < Stopwatch.GetTimestamp())
            {
                // Far behind (a stalled machine): carry on from now; the step itself measures the time that passed.
                next = Stopwatch.GetTimestamp() + period;
            }
        }
    }

    /// <summary>Stops the clock; returns once no step is running.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Set();
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }
        if (_thread is not null && _thread != Thread.CurrentThread)
        {
            // A step takes microseconds; the join is bounded all the same.
            await Task.Run(() => _thread.Join(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
