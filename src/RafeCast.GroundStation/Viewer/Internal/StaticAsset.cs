using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>A file served from memory with an ETag, so a reload costs a 304.</summary>
internal sealed class StaticAsset
{
    private StaticAsset(byte[] content, string contentType, string etag)
    {
        Content = content;
        ContentType = contentType;
        ETag = etag;
    }

    public byte[] Content { get; }

    public string ContentType { get; }

    public string ETag { get; }

    public static StaticAsset Create(byte[] content, string contentType) =>
        new(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12))}\"");

    public IResult ToResult(HttpContext context)
    {
        var response = context.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Contains(ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(Content, ContentType);
    }

    internal static string ContentTypeOf(string name) => System.IO.Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".json" => "application/json",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
