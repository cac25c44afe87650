using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Pipeline.Behaviors;

namespace RafeCast.Pipeline.Tests;

public sealed class MessageLoggingBehaviorTests
{
    private sealed record Double(int Value) : IRequest<int>;

    [Fact]
    public async Task Handle_PassesTheResponseThrough()
    {
        var behavior = new MessageLoggingBehavior<Double, int>(NullLogger<MessageLoggingBehavior<Double, int>>.Instance);
        var result = await behavior.Handle(new Double(21), (m, _) => new ValueTask<int>(m.Value * 2), CancellationToken.None);
        Assert.Equal(42, result);
    }

    [Fact]
    public async Task Handle_HandlerThrows_ExceptionIsRethrownUnchanged()
    {
        var behavior = new MessageLoggingBehavior<Double, int>(NullLogger<MessageLoggingBehavior<Double, int>>.Instance);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await behavior.Handle(new Double(1), (_, _) => throw new InvalidOperationException("vehicle refused"), CancellationToken.None));
        Assert.Equal("vehicle refused", error.Message);
    }
}
