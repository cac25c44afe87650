using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RafeCast.Video.Streams;

namespace RafeCast.Video;

/// <summary>Registers the video stage in a host.</summary>
public static class VideoServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="VideoOptions"/> from <c>RafeCast:Video</c> (validated at start-up, errors name the key)
    /// and runs <see cref="VideoIngestService"/>. The host must register Mediator's <c>IPublisher</c>.
    /// </summary>
    public static IServiceCollection AddRafeCastVideo(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VideoOptions>().Bind(configuration.GetSection(VideoOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VideoOptions>, VideoOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VideoIngestService>();
        services.AddHostedService(sp => sp.GetRequiredService<VideoIngestService>());
        return services;
    }
}
