using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;

namespace GenCourse.Notebooks.Tests.Runner;

public class NotebookFileTests
{
    [Fact]
    public void InvalidJsonIsRejectedWithTheReasonAndLine()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Fixtures.Load("invalid-json.ipynb"));
        Assert.Contains("invalid-json.ipynb is not valid JSON", e.Message);
        Assert.Contains("line 8", e.Message); // the object is never closed: the error is at the end of the file
    }

    [Fact]
    public void NbformatThreeIsRejectedWithTheReason()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Fixtures.Load("nbformat3.ipynb"));
        Assert.Contains("nbformat 3", e.Message);
        Assert.Contains("nbformat 4", e.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "the top level must be a JSON object")]
    [InlineData("{\"cells\": [], \"metadata\": {}}", "no integer \"nbformat\"")]
    [InlineData("{\"nbformat\": 4, \"metadata\": {}}", "no \"cells\" array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"python\", \"source\": \"\"}]}", "cell 1 has no valid \"cell_type\"")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": 3}]}", "\"source\" must be a string or an array")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [{\"cell_type\": \"code\", \"id\": \"a b\", \"source\": \"\"}]}", "invalid \"id\"")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [{\"cell_type\": \"code\", \"id\": \"a\", \"source\": \"\"}, {\"cell_type\": \"code\", \"id\": \"a\", \"source\": \"\"}]}", "repeats the cell id \"a\"")]
    public void MalformedNotebooksAreRejected(string json, string reason)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Parse(json, "x.ipynb"));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void AFileWrittenByVsCodeRoundTripsByteForByte()
    {
        // metadata.ipynb holds unknown metadata at every level, an attachment, a raw cell and
        // non-ASCII text, in the layout VS Code saves (sorted keys, one-space indent, LF).
        string text = File.ReadAllText(Fixtures.PathOf("metadata.ipynb"));
        Notebook notebook = NotebookFile.Parse(text, "metadata.ipynb");
        Assert.Equal(text, NotebookFile.Serialize(notebook));
    }

    [Fact]
    public void CellSourceMayBeOneStringAndIsWrittenAsLines()
    {
        Notebook notebook = NotebookFile.Parse("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "c", "metadata": {}, "outputs": [], "source": "a\nb\n"}]}""", "x");
        Assert.Equal("a\nb\n", notebook.Cells[0].Source);
        notebook.Cells[0].Source = notebook.Cells[0].Source;
        var source = (JsonArray)Fixtures.Json(notebook)["cells"]![0]!["source"]!;
        Assert.Equal(["a\n", "b\n"], source.Select(l => (string)l!));
    }

    [Fact]
    public void MissingIdsAreAssignedInFormatFourFiveButNotBefore()
    {
        const string Cells = """[{"cell_type": "markdown", "metadata": {}, "source": ""}, {"cell_type": "code", "id": "cell-2", "metadata": {}, "outputs": [], "source": ""}, {"cell_type": "code", "metadata": {}, "outputs": [], "source": ""}]""";
        Notebook v45 = NotebookFile.Parse($$"""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": {{Cells}}}""", "x");
        Assert.Equal(["cell-1", "cell-2", "cell-3"], v45.Cells.Select(c => c.Id));
        Notebook v44 = NotebookFile.Parse($$"""{"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": {{Cells}}}""", "x");
        Assert.Equal([null, "cell-2", null], v44.Cells.Select(c => c.Id));
    }

    [Fact]
    public void KernelComesFromPolyglotMetadataThenDotnetInteractiveThenAMagicLine()
    {
        Notebook notebook = NotebookFile.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "a", "metadata": {"polyglot_notebook": {"kernelName": "fsharp"}, "dotnet_interactive": {"language": "csharp"}}, "outputs": [], "source": ""},
             {"cell_type": "code", "id": "b", "metadata": {"dotnet_interactive": {"language": "pwsh"}}, "outputs": [], "source": ""},
             {"cell_type": "code", "id": "c", "metadata": {}, "outputs": [], "source": "#!fsharp\nlet x = 1"},
             {"cell_type": "code", "id": "d", "metadata": {}, "outputs": [], "source": "var x = 1;"}]}
            """, "x");
        Assert.Equal(["fsharp", "pwsh", "fsharp", "csharp"], notebook.Cells.Select(c => c.KernelName));
    }

    [Fact]
    public void SaveWritesAtomicallyAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDir();
        string path = dir.File("sub/nb.ipynb");
        NotebookFile.Save(Fixtures.Load("result.ipynb"), path);
        Assert.Equal(File.ReadAllText(Fixtures.PathOf("result.ipynb")), File.ReadAllText(path));
        Assert.Equal(["nb.ipynb"], Directory.GetFiles(dir.File("sub")).Select(Path.GetFileName));
    }
}
