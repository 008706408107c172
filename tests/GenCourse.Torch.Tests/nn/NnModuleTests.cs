using GenCourse.Torch.Modules;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnModuleTests
{
    /// <summary>A small autoencoder written the way a learner would (explicit registration).</summary>
    private sealed class Autoencoder : nn.Module<Tensor, Tensor>
    {
        public readonly Sequential encoder;
        public readonly Linear decoder;

        public Autoencoder()
        {
            encoder = RegisterModule("encoder", nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU()));
            decoder = RegisterModule("decoder", nn.Linear(3, 4));
        }

        public override Tensor forward(Tensor x) => decoder.call(encoder.call(x));
    }

    /// <summary>A two-input module, as a diffusion UNet's (x, t).</summary>
    private sealed class ScaleShift : nn.Module<Tensor, Tensor, Tensor>
    {
        public readonly Tensor scale;

        public ScaleShift() => scale = RegisterParameter("scale", torch.full(new long[] { 1 }, 2.0));

        public override Tensor forward(Tensor x, Tensor shift) => x * scale + shift;
    }

    [Fact]
    public void StateDictKeysAreThoseOfPyTorchForNestedModules()
    {
        using var model = new Autoencoder();
        using StateDict sd = model.state_dict();
        // torch: Autoencoder with encoder = nn.Sequential(Linear, BatchNorm1d, ReLU), decoder = Linear
        Assert.Equal(new[]
        {
            "encoder.0.weight", "encoder.0.bias",
            "encoder.1.weight", "encoder.1.bias", "encoder.1.running_mean", "encoder.1.running_var", "encoder.1.num_batches_tracked",
            "decoder.weight", "decoder.bias",
        }, sd.Keys.ToArray());
        Assert.Equal(ScalarType.Int64, sd["encoder.1.num_batches_tracked"].dtype);
        Assert.Empty(sd["encoder.1.num_batches_tracked"].shape);
    }

    [Fact]
    public void NamedParametersBuffersAndModulesUseDottedPaths()
    {
        using var model = new Autoencoder();
        Assert.Equal(new[] { "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias", "decoder.weight", "decoder.bias" },
            model.named_parameters().Select(e => e.name).ToArray());
        Assert.Equal(new[] { "encoder.1.running_mean", "encoder.1.running_var", "encoder.1.num_batches_tracked" },
            model.named_buffers().Select(e => e.name).ToArray());
        Assert.Equal(new[] { "", "encoder", "encoder.0", "encoder.1", "encoder.2", "decoder" },
            model.named_modules().Select(e => e.name).ToArray());
        Assert.Equal(new[] { "encoder", "decoder" }, model.named_children().Select(e => e.name).ToArray());
        Assert.Same(model.encoder[0], model.named_modules().Single(e => e.name == "encoder.0").module);
    }

    [Fact]
    public void ParameterCountAddsElementsOfEveryParameter()
    {
        using var model = new Autoencoder();
        // Linear(4,3): 12 + 3; BatchNorm1d(3): 3 + 3; Linear(3,4): 12 + 4
        Assert.Equal(37, model.parameter_count());
        model.encoder.requires_grad_(false);
        Assert.Equal(16, model.parameter_count(only_trainable: true));
    }

    [Fact]
    public void StrictLoadListsMissingAndUnexpectedKeysAndChangesNothing()
    {
        using var model = new Autoencoder();
        double[] before = model.decoder.weight.ToArray<double>();
        using var source = new Autoencoder();
        using StateDict full = source.state_dict();
        var partial = full.Where(e => e.Key != "encoder.1.running_var").ToDictionary(e => e.Key, e => e.Value);
        using Tensor extra = torch.zeros(2);
        partial["head.weight"] = extra;

        var error = Assert.Throws<ArgumentException>(() => model.load_state_dict(partial));
        Assert.Contains("missing keys: \"encoder.1.running_var\"", error.Message);
        Assert.Contains("unexpected keys: \"head.weight\"", error.Message);
        Assert.Contains("strict: false", error.Message);
        Assert.Equal(before, model.decoder.weight.ToArray<double>());
    }

    [Fact]
    public void NonStrictLoadReturnsTheKeysAndCopiesTheRest()
    {
        using var model = new Autoencoder();
        using var source = new Autoencoder();
        using StateDict full = source.state_dict();
        var partial = full.Where(e => e.Key != "encoder.1.running_var").ToDictionary(e => e.Key, e => e.Value);
        using Tensor extra = torch.zeros(2);
        partial["head.weight"] = extra;

        IncompatibleKeys result = model.load_state_dict(partial, strict: false);
        Assert.Equal(new[] { "encoder.1.running_var" }, result.missing_keys);
        Assert.Equal(new[] { "head.weight" }, result.unexpected_keys);
        Assert.Equal(source.decoder.weight.ToArray<float>(), model.decoder.weight.ToArray<float>());
        Assert.Equal(((Linear)source.encoder[0]).bias!.ToArray<float>(), ((Linear)model.encoder[0]).bias!.ToArray<float>());
    }

    [Fact]
    public void ShapeMismatchIsAnErrorEvenWhenNotStrict()
    {
        using var model = new Autoencoder();
        using StateDict sd = model.state_dict();
        var changed = sd.ToDictionary(e => e.Key, e => e.Value);
        using Tensor wrong = torch.zeros(4, 4);
        changed["decoder.weight"] = wrong;
        var error = Assert.Throws<ArgumentException>(() => model.load_state_dict(changed, strict: false));
        Assert.Contains("size mismatch for decoder.weight", error.Message);
        Assert.Contains("[4, 4]", error.Message);
        Assert.Contains("[4, 3]", error.Message);
    }

    [Fact]
    public void LoadedModelComputesTheSameFunction()
    {
        torch.manual_seed(1);
        using var a = new Autoencoder();
        using var b = new Autoencoder();
        a.eval();
        b.eval();
        using Tensor x = torch.randn(5, 4);
        using Tensor ya = a.call(x);
        using (Tensor yb = b.call(x))
            Assert.NotEqual(ya.ToArray<float>(), yb.ToArray<float>());
        using (StateDict sd = a.state_dict()) b.load_state_dict(sd);
        using Tensor yb2 = b.call(x);
        Assert.Equal(ya.ToArray<float>(), yb2.ToArray<float>());
    }

    [Fact]
    public void StateDictValuesShareStorageWithParameters()
    {
        using var layer = nn.Linear(2, 2);
        using StateDict sd = layer.state_dict();
        Set(layer.weight, 1, 2, 3, 4);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, sd["weight"].ToArray<float>());
        Assert.False(sd["weight"].requires_grad);
    }

    [Fact]
    public void EvalAndTrainReachEverySubmodule()
    {
        using var model = new Autoencoder();
        Assert.All(model.modules(), m => Assert.True(m.training));
        Autoencoder same = model.eval();
        Assert.Same(model, same);
        Assert.All(model.modules(), m => Assert.False(m.training));
        model.train();
        Assert.All(model.modules(), m => Assert.True(m.training));
    }

    [Fact]
    public void ToDtypeConvertsFloatingTensorsInPlaceAndKeepsIntegerBuffers()
    {
        using var model = new Autoencoder();
        Tensor w = model.decoder.weight;
        float[] before = w.ToArray<float>();
        model.to(ScalarType.Float64);
        Assert.Same(w, model.decoder.weight);
        Assert.Equal(ScalarType.Float64, w.dtype);
        Assert.True(w.requires_grad);
        Assert.True(w.is_leaf);
        Assert.Equal(before.Select(v => (double)v).ToArray(), w.ToArray<double>());
        var bn = (BatchNorm1d)model.encoder[1];
        Assert.Equal(ScalarType.Float64, bn.running_mean!.dtype);
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
        using Tensor y = model.call(torch.randn(new long[] { 2, 4 }, ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y.dtype);
    }

    [Fact]
    public void ToKeepsFrozenParametersFrozenAndMovesGradients()
    {
        using var layer = nn.Linear(3, 2);
        layer.bias!.requires_grad = false;
        using (Tensor loss = layer.call(torch.ones(1, 3)).sum()) loss.backward();
        layer.to(ScalarType.Float64);
        Assert.False(layer.bias.requires_grad);
        using Tensor? g = layer.weight.grad;
        Assert.NotNull(g);
        Assert.Equal(ScalarType.Float64, g!.dtype);
        Assert.Equal(new double[] { 1, 1, 1, 1, 1, 1 }, g.ToArray<double>());   // dΣ(Wx + b)/dW = x = 1
    }

    [Fact]
    public void ZeroGradDropsOrZeroesGradients()
    {
        using var layer = nn.Linear(2, 1);
        using (Tensor loss = layer.call(torch.ones(1, 2)).sum()) loss.backward();
        layer.zero_grad(set_to_none: false);
        using (Tensor? g = layer.weight.grad) Assert.Equal(new float[] { 0, 0 }, g!.ToArray<float>());
        layer.zero_grad();
        Assert.Null(layer.weight.grad);
        Assert.Null(layer.bias!.grad);
    }

    [Fact]
    public void ParametersOutliveTheScopeTheModuleWasCreatedIn()
    {
        Linear layer;
        using (torch.NewDisposeScope())
        {
            layer = nn.Linear(3, 2);
            using Tensor unused = layer.call(torch.ones(1, 3));
        }
        using (layer)
        {
            Assert.False(layer.weight.IsDisposed);
            Assert.False(layer.bias!.IsDisposed);
            using Tensor y = layer.call(torch.ones(1, 3));
            Assert.Equal(new long[] { 1, 2 }, y.shape);
        }
    }

    [Fact]
    public void DisposeFreesParametersBuffersAndSubmodules()
    {
        var model = new Autoencoder();
        Tensor w = ((Linear)model.encoder[0]).weight;
        Tensor mean = ((BatchNorm1d)model.encoder[1]).running_mean!;
        model.Dispose();
        Assert.True(w.IsDisposed);
        Assert.True(mean.IsDisposed);
        Assert.True(model.decoder.weight.IsDisposed);
        using Tensor x = torch.ones(2, 4);
        var error = Assert.Throws<ObjectDisposedException>(() => model.call(x));
        Assert.Contains("Autoencoder was disposed", error.Message);
    }

    [Fact]
    public void RegistrationRejectsBadNamesAndTensors()
    {
        using var layer = nn.Linear(2, 2);
        using Tensor t = torch.zeros(2);
        Assert.Contains("contains '.'", Assert.Throws<ArgumentException>(() => layer.RegisterParameter("a.b", t)).Message);
        Assert.Contains("already has a parameter", Assert.Throws<ArgumentException>(() => layer.RegisterBuffer("weight", t)).Message);
        using Tensor ints = torch.zeros(new long[] { 2 }, ScalarType.Int64);
        Assert.Contains("floating-point", Assert.Throws<ArgumentException>(() => layer.RegisterParameter("n", ints)).Message);
        using Tensor leaf = torch.ones(new long[] { 2 }, requires_grad: true);
        using Tensor computed = leaf * 2;
        Assert.Contains("not a leaf", Assert.Throws<ArgumentException>(() => layer.RegisterParameter("c", computed)).Message);
    }

    [Fact]
    public void NonPersistentBuffersStayOutOfTheStateDict()
    {
        using var layer = nn.Linear(2, 2);
        layer.RegisterBuffer("table", torch.arange(4), persistent: false);
        layer.RegisterBuffer("kept", torch.ones(1));
        Assert.Equal(new[] { "table", "kept" }, layer.named_buffers().Select(b => b.name).ToArray());
        using StateDict sd = layer.state_dict();
        Assert.Equal(new[] { "weight", "bias", "kept" }, sd.Keys.ToArray());
    }

    [Fact]
    public void SharedModulesAreListedOnceButSavedUnderEachName()
    {
        var shared = nn.Linear(2, 2);
        using var model = nn.Sequential(shared, nn.ReLU(), shared);
        Assert.Equal(2, model.parameters().Count());
        using StateDict sd = model.state_dict();
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, sd.Keys.ToArray());
    }

    [Fact]
    public void ApplyVisitsChildrenBeforeTheirParent()
    {
        using var model = new Autoencoder();
        var order = new List<string>();
        model.apply(m => order.Add(m.GetType().Name));
        Assert.Equal(new[] { "Linear", "BatchNorm1d", "ReLU", "Sequential", "Linear", "Autoencoder" }, order);
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        using var model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.BatchNorm1d(3)));
        Assert.Equal(
            "Sequential(\n" +
            "  (0): Linear(in_features=2, out_features=3, bias=True)\n" +
            "  (1): ReLU()\n" +
            "  (2): Sequential(\n" +
            "    (0): BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n" +
            "  )\n" +
            ")", model.ToString());
    }

    [Fact]
    public void TwoInputModulesAreCalledLikeFunctions()
    {
        using var m = new ScaleShift();
        using Tensor x = torch.tensor(new float[] { 1, 2 });
        using Tensor shift = torch.tensor(new float[] { 10, 20 });
        using Tensor y = m.call(x, shift);
        Assert.Equal(new float[] { 12, 24 }, y.ToArray<float>());
        Assert.Equal(new[] { "scale" }, m.named_parameters().Select(p => p.name));
    }

    [NnCudaFact]
    [Trait("Category", "Cuda")]
    public void ToCudaMovesEveryTensorAndBack()
    {
        using var model = new Autoencoder();
        Tensor w = model.decoder.weight;
        float[] before = w.ToArray<float>();
        model.to(torch.device("cuda"));
        Assert.All(model.parameters(), p => Assert.True(p.is_cuda));
        Assert.All(model.buffers(), b => Assert.True(b.is_cuda));
        Assert.Same(w, model.decoder.weight);
        using (Tensor y = model.call(torch.randn(new long[] { 3, 4 }, device: torch.device("cuda")))) Assert.True(y.is_cuda);
        model.cpu();
        Assert.False(w.is_cuda);
        Assert.Equal(before, w.ToArray<float>());
    }
}
