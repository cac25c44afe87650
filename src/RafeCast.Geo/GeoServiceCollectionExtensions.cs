using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RafeCast.Geo.Domes;

namespace RafeCast.Geo;

/// <summary>Registers the geo tagging stage.</summary>
public static class GeoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GeoOptions"/> validation, the <see cref="DomeRegistry"/> (loaded once from
    /// <see cref="GeoOptions.ResolveDomeRegistryPath"/>; an invalid registry fails with every problem listed)
    /// and the <see cref="GeoTaggingStage"/>. Bind the options from <see cref="GeoOptions.SectionName"/> in the host.
    /// </summary>
    public static IServiceCollection AddGeoTagging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GeoOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeoOptions>, GeoOptionsValidator>());
        services.TryAddSingleton(sp => DomeRegistryReader.Load(sp.GetRequiredService<IOptions<GeoOptions>>().Value.ResolveDomeRegistryPath()));
        services.TryAddSingleton<GeoTaggingStage>();
        return services;
    }
}
