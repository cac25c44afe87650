using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>
/// A <see cref="TestConsole"/> that a test may read while another thread writes to it (the pilot console's live
/// panel refreshes on its own thread): Spectre's test console keeps its output in a StringBuilder, which a
/// concurrent read can catch mid-append.
/// </summary>
internal sealed class SynchronizedTestConsole(TestConsole inner) : IAnsiConsole
{
    private readonly Lock _gate = new();

    /// <summary>Everything written so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return inner.Output;
            }
        }
    }

    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home)
    {
        lock (_gate)
        {
            inner.Clear(home);
        }
    }

    public void Write(IRenderable renderable)
    {
        lock (_gate)
        {
            inner.Write(renderable);
        }
    }

    public void WriteAnsi(Action<AnsiWriter> action)
    {
        lock (_gate)
        {
            inner.WriteAnsi(action);
        }
    }
}
