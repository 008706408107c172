using GenCourse.Notebooks.Runner.NuGet;

namespace GenCourse.Notebooks.Tests.Runner.NuGet;

public class NuGetReferenceTests
{
    [Theory]
    [InlineData("nuget: Humanizer.Core, 2.14.1", "Humanizer.Core", "2.14.1")]
    [InlineData("nuget:Newtonsoft.Json,13.0.3", "Newtonsoft.Json", "13.0.3")]
    [InlineData("NuGet: X.Y", "X.Y", null)]
    [InlineData("nuget: X.Y, ", "X.Y", null)]
    public void ParsesDotNetInteractivesSyntax(string text, string id, string? version)
    {
        Assert.True(NuGetReference.TryParse(text, out NuGetReference? package));
        Assert.Equal(new NuGetReference(id, version), package);
    }

    [Theory]
    [InlineData("../lib/x.dll")]
    [InlineData("nuget:")]
    [InlineData("nuget: two words, 1.0")]
    [InlineData("nuget: X, 1.0, 2.0")]
    public void RejectsOtherText(string text) => Assert.False(NuGetReference.TryParse(text, out _));

    [Fact]
    public void MapsToTheFileBasedAppDirective()
    {
        Assert.Equal("#:package Humanizer.Core@2.14.1", new NuGetReference("Humanizer.Core", "2.14.1").PackageDirective);
        Assert.Equal("#:package X@*", new NuGetReference("X", null).PackageDirective);
    }
}
