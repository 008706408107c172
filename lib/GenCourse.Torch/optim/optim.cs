using GenCourse.Torch.Optimizers;

namespace GenCourse.Torch;

/// <summary>
/// PyTorch's <c>torch.optim</c>: <c>var opt = optim.Adam(model.parameters(), lr: 1e-3);</c>, then
/// per batch <c>opt.zero_grad(); loss.backward(); opt.step();</c>. Each factory builds the
/// optimizer type of the same name in GenCourse.Torch.Optimizers; schedules are in
/// <see cref="lr_scheduler"/>.
/// </summary>
public static partial class optim
{
    /// <summary>SGD with optional (Nesterov) momentum and L2 weight decay; see <see cref="Optimizers.SGD"/>.</summary>
    public static SGD SGD(IEnumerable<Tensor> @params, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
        new(@params, lr, momentum, dampening, weight_decay, nesterov);

    public static SGD SGD(IEnumerable<ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
        new(param_groups, lr, momentum, dampening, weight_decay, nesterov);

    /// <summary>Adam with L2 weight decay; see <see cref="Optimizers.Adam"/>.</summary>
    public static Adam Adam(IEnumerable<Tensor> @params, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false) =>
        new(@params, lr, betas, eps, weight_decay, amsgrad);

    public static Adam Adam(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false) =>
        new(param_groups, lr, betas, eps, weight_decay, amsgrad);

    /// <summary>Adam with decoupled weight decay; see <see cref="Optimizers.AdamW"/>.</summary>
    public static AdamW AdamW(IEnumerable<Tensor> @params, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false) =>
        new(@params, lr, betas, eps, weight_decay, amsgrad);

    public static AdamW AdamW(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false) =>
        new(param_groups, lr, betas, eps, weight_decay, amsgrad);
}
