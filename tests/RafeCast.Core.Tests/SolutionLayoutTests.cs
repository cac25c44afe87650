using System.Xml.Linq;
using RafeCast.Testing;

namespace RafeCast.Core.Tests;

/// <summary>
/// Guards the layering: Core depends on nothing of ours, stage libraries on Core and the pipeline
/// contracts (plus the stages a stage is built from), and only the composition roots run the
/// mediator's source generator.
/// </summary>
public sealed class SolutionLayoutTests
{
    // Which of our projects each project may reference. A project missing here fails the test, so a
    // new project has to take a place in the layering on purpose.
    private static readonly Dictionary<string, string[]> AllowedReferences = new()
    {
        ["RafeCast.Core"] = [],
        ["RafeCast.Pipeline"] = ["RafeCast.Core"],
        // The MAVLink stage runs its own source generator (an analyzer reference) over the dialect XML.
        ["RafeCast.Mavlink"] = ["RafeCast.Core", "RafeCast.Pipeline", "RafeCast.Mavlink.Generator"],
        // A Roslyn source generator runs inside the compiler: it may reference nothing of ours.
        ["RafeCast.Mavlink.Generator"] = [],
        ["RafeCast.Video"] = ["RafeCast.Core", "RafeCast.Pipeline"],
        ["RafeCast.Geo"] = ["RafeCast.Core", "RafeCast.Pipeline"],
        ["RafeCast.Storage"] = ["RafeCast.Core", "RafeCast.Pipeline"],
        // A simulated drone is a MAVLink peer with a camera: it is built from those two stages.
        ["RafeCast.Simulator"] = ["RafeCast.Core", "RafeCast.Pipeline", "RafeCast.Mavlink", "RafeCast.Video"],
        ["RafeCast.GroundStation"] = ["*"],
        ["RafeCast.Cli"] = ["*"],
    };

    private static readonly string[] CompositionRoots = ["RafeCast.GroundStation", "RafeCast.Cli"];

    public static TheoryData<string> SourceProjects() => new(ProjectNames());

    private static IEnumerable<string> ProjectNames() =>
        Directory.GetFiles(RepositoryPaths.Combine("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferences_StayInsideTheLayering(string project)
    {
        Assert.True(AllowedReferences.TryGetValue(project, out var allowed), $"{project} has no place in the layering table of {nameof(SolutionLayoutTests)}.");
        var references = ProjectReferences(project);
        if (allowed.Contains("*"))
        {
            return;
        }
        var forbidden = references.Except(allowed, StringComparer.Ordinal).ToArray();
        Assert.True(forbidden.Length == 0, $"{project} references {string.Join(", ", forbidden)}, which its layer does not allow.");
    }

    [Fact]
    public void Core_ReferencesNoProjectAndNoPackage()
    {
        Assert.Empty(ProjectReferences("RafeCast.Core"));
        Assert.Empty(PackageReferences("RafeCast.Core"));
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void MediatorSourceGenerator_OnlyInCompositionRoots(string project)
    {
        var usesGenerator = PackageReferences(project).Contains("Mediator.SourceGenerator");
        Assert.True(!usesGenerator || CompositionRoots.Contains(project), $"{project} references Mediator.SourceGenerator; only {string.Join(" and ", CompositionRoots)} may.");
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void HeavyDependencies_StayInTheirStage(string project)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FFMpegCore"] = "RafeCast.Video",
            ["NetTopologySuite"] = "RafeCast.Geo",
            ["Azure.Storage.Blobs"] = "RafeCast.Storage",
            ["Azure.Identity"] = "RafeCast.Storage",
        };
        foreach (var package in PackageReferences(project))
        {
            if (owners.TryGetValue(package, out var owner))
            {
                Assert.True(owner == project, $"{project} references {package}; only {owner} may.");
            }
        }
    }

    [Fact]
    public void EverySourceProject_HasAMirroringTestProject()
    {
        foreach (var project in ProjectNames())
        {
            var tests = RepositoryPaths.Combine("tests", project + ".Tests", project + ".Tests.csproj");
            Assert.True(File.Exists(tests), $"{project} has no test project at {tests}.");
        }
    }

    [Fact]
    public void TopLevel_HoldsTheAgreedLayout()
    {
        foreach (var entry in new[] { "RafeCast.sln", "src", "tests", "infra", "tools", "README.md", "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            Assert.True(File.Exists(RepositoryPaths.Combine(entry)) || Directory.Exists(RepositoryPaths.Combine(entry)), $"{entry} is missing at the top level.");
        }
    }

    private static XDocument Load(string project) =>
        XDocument.Load(RepositoryPaths.Combine("src", project, project + ".csproj"));

    private static string[] ProjectReferences(string project) =>
        [.. Load(project).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? string.Empty).Replace('\\', '/')))];

    private static string[] PackageReferences(string project) =>
        [.. Load(project).Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? string.Empty)];
}
