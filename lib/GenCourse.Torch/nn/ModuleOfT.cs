namespace GenCourse.Torch;

public static partial class nn
{
    /// <summary>
    /// A module with a typed forward pass, called like a function: <c>y = layer.call(x)</c>.
    /// Subclasses implement <see cref="forward"/>; <see cref="call"/> checks the module is alive
    /// and runs it. Most layers are <c>Module&lt;Tensor, Tensor&gt;</c>; a model may take or
    /// return a record (<c>Module&lt;Tensor, VaeOutput&gt;</c>).
    /// </summary>
    public abstract class Module<TIn, TOut> : Module
    {
        /// <summary>The computation; call the module through <see cref="call"/>.</summary>
        public abstract TOut forward(TIn input);

        /// <summary>Runs <see cref="forward"/> (PyTorch's <c>module(x)</c>).</summary>
        public TOut call(TIn input)
        {
            ThrowIfDisposed();
            return forward(input);
        }
    }

    /// <summary>A module whose forward pass takes two inputs, e.g. a diffusion UNet's (x_t, t).</summary>
    public abstract class Module<TIn1, TIn2, TOut> : Module
    {
        /// <summary>The computation; call the module through <see cref="call"/>.</summary>
        public abstract TOut forward(TIn1 input1, TIn2 input2);

        /// <summary>Runs <see cref="forward"/> (PyTorch's <c>module(x, t)</c>).</summary>
        public TOut call(TIn1 input1, TIn2 input2)
        {
            ThrowIfDisposed();
            return forward(input1, input2);
        }
    }
}
