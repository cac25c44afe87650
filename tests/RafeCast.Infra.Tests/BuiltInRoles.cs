namespace RafeCast.Infra.Tests;

/// <summary>
/// Role definition ids of the Azure built-in roles the template uses, as Microsoft publishes them in
/// "Azure built-in roles for Storage" (learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage).
/// </summary>
public static class BuiltInRoles
{
    /// <summary>Storage Blob Data Owner: containers/*, blobs/* (so tags/read, tags/write, filter/action) and user delegation keys.</summary>
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

    /// <summary>Storage Blob Data Reader: read containers and blobs, user delegation keys; no index tags.</summary>
    public const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
}
