namespace GenCourse.Torch;

/// <summary>
/// Module methods that return the module with its own type, so that set-up reads as in
/// PyTorch: <c>var model = new Mlp().to(device);</c>, <c>model.eval();</c>.
/// </summary>
public static class ModuleExtensions
{
    /// <summary>
    /// Moves parameters and buffers to <paramref name="device"/> in place (each Tensor object keeps
    /// its identity, so fields holding it stay valid); returns the module. Create optimizers (and
    /// EMA copies) after moving the model, as PyTorch advises: state made before stays behind.
    /// </summary>
    public static T to<T>(this T module, Device device) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.MoveTo(device, null);
        return module;
    }

    /// <summary>Converts floating-point parameters and buffers to <paramref name="dtype"/> in place; returns the module.</summary>
    public static T to<T>(this T module, ScalarType dtype) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.MoveTo(null, dtype);
        return module;
    }

    /// <summary>Moves to a device and converts floating-point tensors to a dtype; returns the module.</summary>
    public static T to<T>(this T module, Device device, ScalarType dtype) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.MoveTo(device, dtype);
        return module;
    }

    /// <summary>Moves the module to the GPU.</summary>
    public static T cuda<T>(this T module, int index = 0) where T : nn.Module => module.to(new Device(DeviceType.CUDA, index));

    /// <summary>Moves the module to the CPU.</summary>
    public static T cpu<T>(this T module) where T : nn.Module => module.to(Device.CPU);

    /// <summary>Sets training mode (<paramref name="mode"/> true) or evaluation mode on the whole tree; returns the module.</summary>
    public static T train<T>(this T module, bool mode = true) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.SetTraining(mode);
        return module;
    }

    /// <summary>Evaluation mode: Dropout is the identity and BatchNorm uses its running statistics.</summary>
    public static T eval<T>(this T module) where T : nn.Module => module.train(false);

    /// <summary>Turns gradients of every parameter on or off (freezing); returns the module.</summary>
    public static T requires_grad_<T>(this T module, bool requires_grad = true) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.SetRequiresGrad(requires_grad);
        return module;
    }
}
