namespace RafeCast.Infra.Tests.Bicep;

/// <summary>The made-up subscription, resource group and region a snapshot is evaluated for.</summary>
public sealed record DeploymentScope(Guid SubscriptionId, string ResourceGroup, string Location)
{
    public static DeploymentScope Example { get; } = new(new Guid("00000000-0000-0000-0000-00000000cafe"), "rg-rafecast", "westeurope");

    /// <summary>The resource group's resource id.</summary>
    public string ResourceGroupId => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}";
}
