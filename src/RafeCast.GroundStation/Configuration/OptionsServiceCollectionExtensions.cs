using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RafeCast.GroundStation.Configuration;

/// <summary>How every RafeCast options class is registered: bound from its section, validated when the host starts.</summary>
public static class OptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <c>TOptions.SectionPath</c> in <paramref name="configuration"/>,
    /// registers <typeparamref name="TValidator"/> and validates on start, so a bad value stops the host
    /// before anything runs, with a message that names the key (<see cref="OptionsKey.Problem{TOptions}"/>).
    /// </summary>
    public static IServiceCollection AddRafeCastOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class, IRafeCastOptions
        where TValidator : class, IValidateOptions<TOptions> =>
        services.AddRafeCastOptions<TOptions, TValidator>(configuration, TOptions.SectionPath);

    /// <summary>
    /// The same for an options class that cannot implement <see cref="IRafeCastOptions"/> (a stage's, which
    /// does not reference the station): bound from <paramref name="sectionPath"/>, validated by
    /// <typeparamref name="TValidator"/> when the station is built and again at start.
    /// </summary>
    public static IServiceCollection AddRafeCastOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionPath)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(sectionPath);
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionPath))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }
}
