using RafeCast.Testing;

namespace RafeCast.Infra.Tests;

/// <summary>The files under infra/ that these tests check.</summary>
public static class InfraPaths
{
    public static string Root => RepositoryPaths.Combine("infra");

    public static string MainTemplate => Path.Combine(Root, "main.bicep");

    public static string MainParameters => Path.Combine(Root, "main.bicepparam");

    public static string BicepConfig => Path.Combine(Root, "bicepconfig.json");

    public static string StationUnit => Path.Combine(Root, "systemd", "rafecast-station.service");

    public static string AzuriteScript => Path.Combine(Root, "local", "run-azurite.sh");

    /// <summary>
    /// Copies the template, its parameters file and linter configuration into <paramref name="directory"/>,
    /// so a check that writes files (snapshot) or needs a changed parameters file never touches infra/.
    /// </summary>
    public static void CopyTemplateTo(string directory)
    {
        foreach (var file in new[] { MainTemplate, MainParameters, BicepConfig })
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }
    }
}
