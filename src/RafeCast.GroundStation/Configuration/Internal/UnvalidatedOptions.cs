using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RafeCast.GroundStation.Configuration.Internal;

/// <summary>
/// Options as configured (bound, Configure'd, PostConfigure'd) but not validated. For settings the host
/// reads while it is being built (Kestrel's address, the shutdown timeout): reading IOptions.Value there
/// would validate too early and fail the build instead of the start, where the error is reported.
/// </summary>
internal static class UnvalidatedOptions
{
    public static TOptions Create<TOptions>(IServiceProvider services)
        where TOptions : class, new()
    {
        var options = new TOptions();
        foreach (var configure in services.GetServices<IConfigureOptions<TOptions>>())
        {
            if (configure is IConfigureNamedOptions<TOptions> named)
            {
                named.Configure(Options.DefaultName, options);
            }
            else
            {
                configure.Configure(options);
            }
        }
        foreach (var postConfigure in services.GetServices<IPostConfigureOptions<TOptions>>())
        {
            postConfigure.PostConfigure(Options.DefaultName, options);
        }
        return options;
    }
}
