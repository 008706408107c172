using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Tests.Runner.Parameters;

public class ParametersCellTests
{
    [Fact]
    public void ReadsTypedDeclarationsInOrder()
    {
        var declarations = ParametersCell.Read("""
            int epochs = 10;          // a comment
            double lr = 1e-3, momentum = 0.9;
            string? tag = null;
            System.Int64[] sizes = { 1, 2 };
            var seed = 42;
            var name = "x";
            Device device = Device.CPU;
            Console.WriteLine("not a declaration");
            """);
        Assert.Equal(["epochs", "lr", "momentum", "tag", "sizes", "seed", "name", "device"], declarations.Select(d => d.Name));
        Assert.Equal(["int", "double", "double", "string?", "long[]", "int", "string", null],
            declarations.Select(d => d.Type?.ToString()));
        Assert.Equal([1, 2, 2, 3, 4, 5, 6, 7], declarations.Select(d => d.Line));
        Assert.Equal("int epochs = 10;", declarations[0].Declaration);
    }

    [Fact]
    public void VarWithANonLiteralInitializerCannotBeSet()
    {
        var declarations = ParametersCell.Read("var when = DateTime.Now;\nvar negative = -3;");
        Assert.Null(declarations[0].Type);
        Assert.Equal(typeof(int), declarations[1].Type!.Scalar);
    }
}
