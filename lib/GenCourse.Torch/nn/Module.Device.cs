namespace GenCourse.Torch;

public static partial class nn
{
    // Moving a module between devices and dtypes, in place.
    public abstract partial class Module
    {
        /// <summary>
        /// Moves every parameter and buffer to <paramref name="device"/> and/or converts its
        /// floating-point values to <paramref name="dtype"/> (integer buffers such as
        /// <c>num_batches_tracked</c> keep their type, as in PyTorch). Each Tensor object keeps its
        /// identity: the native tensor behind it is replaced, so fields holding it stay valid.
        /// Gradients move along. Create optimizers after moving the model (PyTorch's advice):
        /// optimizer state made before stays where it was.
        /// </summary>
        internal void MoveTo(Device? device, ScalarType? dtype)
        {
            ThrowIfDisposed();
            if (dtype is ScalarType d && !d.IsFloatingPoint())
                throw new ArgumentException($"a module can only be converted to a floating-point dtype, not {d.TorchName()}", nameof(dtype));
            using GradModeScope noGrad = torch.no_grad();
            foreach (Tensor p in parameters()) Move(p, device, dtype);
            foreach (Tensor b in buffers()) Move(b, device, dtype);
        }

        private static void Move(Tensor t, Device? device, ScalarType? dtype)
        {
            ScalarType current = t.dtype;
            ScalarType target = dtype is ScalarType d && current.IsFloatingPoint() ? d : current;
            Device where = device ?? t.device;
            bool requiresGrad = t.requires_grad;
            Tensor? grad = t.grad;
            Tensor moved = t.to(where, target).DetachFromDisposeScope();
            Tensor? movedGrad = grad?.to(where, target).DetachFromDisposeScope();
            grad?.Dispose();
            t.ReplaceWith(moved);
            if (requiresGrad) t.requires_grad = true;
            if (movedGrad is not null)
            {
                t.grad = movedGrad;
                movedGrad.Dispose();
            }
        }
    }
}
