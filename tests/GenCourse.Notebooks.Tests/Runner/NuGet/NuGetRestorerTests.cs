using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;

namespace GenCourse.Notebooks.Tests.Runner.NuGet;

/// <summary>
/// #r "nuget:" restores through `dotnet build` of a generated file-based app. Newtonsoft.Json
/// 13.0.3 is in the machine's NuGet cache (the test tooling depends on it), so the positive
/// case needs no network.
/// </summary>
public class NuGetRestorerTests
{
    [Fact]
    public void APackageIsRestoredAndUsableInTheCell()
    {
        using var cache = new TempDir();
        RunResult result = Fixtures.Run("nuget.ipynb", new RunOptions { NuGetCache = cache.Path });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonArray outputs = Fixtures.Outputs(Fixtures.Json(result.Executed), "package");
        Assert.Equal("{\"a\":1,\"b\":[2,3]}", Fixtures.Text(outputs.Single()!["data"]!["text/plain"]));
        string restored = Directory.GetDirectories(cache.Path).Single();
        Assert.True(File.Exists(Path.Combine(restored, "Newtonsoft.Json.dll")));
    }

    [Fact]
    public void APackageThatCannotBeRestoredIsAnErrorNamingIt()
    {
        using var cache = new TempDir();
        RunResult result = Fixtures.Run("nuget-missing.ipynb", new RunOptions { NuGetCache = cache.Path });
        Assert.Equal(2, result.Failure!.CellNumber);
        Assert.Equal(2, result.Failure.Line);
        Assert.StartsWith("nuget package 'GenCourse.NoSuchPackage.Xyz 9.9.9' could not be restored.", result.Failure.Message);
        JsonObject nb = Fixtures.Json(result.Executed);
        // The cells before it ran; the cell naming the package holds the error.
        Assert.Equal("before\n", Fixtures.Text(Fixtures.Outputs(nb, "ok")[0]!["text"]));
        Assert.Equal("NuGetError", (string)Fixtures.Outputs(nb, "package").Single()!["ename"]!);
    }
}
