using GenCourse.Torch.Modules;

namespace GenCourse.Torch;

// The layer catalogue, named as PyTorch's: `nn.Linear(784, 400)`, `nn.Sequential(...)`.
// Each factory builds the layer type of the same name in GenCourse.Torch.Modules.
public static partial class nn
{
    /// <summary>y = x Wᵀ + b; see <see cref="Modules.Linear"/>.</summary>
    public static Linear Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
        new(in_features, out_features, bias, device, dtype);

    /// <summary>2-D convolution with a square kernel; see <see cref="Modules.Conv2d"/>.</summary>
    public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
        long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
        new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

    /// <summary>Transposed 2-D convolution; see <see cref="Modules.ConvTranspose2d"/>.</summary>
    public static ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
        long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1, Device? device = null, ScalarType? dtype = null) =>
        new(in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation, device, dtype);

    /// <summary>Batch normalisation of [N, C] or [N, C, L]; see <see cref="Modules.BatchNorm"/>.</summary>
    public static BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
        bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
        new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

    /// <summary>Batch normalisation of [N, C, H, W]; see <see cref="Modules.BatchNorm"/>.</summary>
    public static BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
        bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
        new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

    /// <summary>Group normalisation; see <see cref="Modules.GroupNorm"/>.</summary>
    public static GroupNorm GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true, Device? device = null, ScalarType? dtype = null) =>
        new(num_groups, num_channels, eps, affine, device, dtype);

    /// <summary>Layer normalisation over the last dimension of size <paramref name="normalized_shape"/>.</summary>
    public static LayerNorm LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null) =>
        new(new[] { normalized_shape }, eps, elementwise_affine, device, dtype);

    /// <summary>Layer normalisation over the trailing dimensions <paramref name="normalized_shape"/>; see <see cref="Modules.LayerNorm"/>.</summary>
    public static LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null) =>
        new(normalized_shape, eps, elementwise_affine, device, dtype);

    /// <summary>A lookup table of learned vectors; see <see cref="Modules.Embedding"/>.</summary>
    public static Embedding Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, Device? device = null, ScalarType? dtype = null) =>
        new(num_embeddings, embedding_dim, padding_idx, device, dtype);

    /// <summary>Zeroes elements with probability p in training; see <see cref="Modules.Dropout"/>.</summary>
    public static Dropout Dropout(double p = 0.5) => new(p);

    /// <summary>An empty Sequential, to fill with <c>append</c>.</summary>
    public static Sequential Sequential() => new();

    /// <summary>Modules run in order, named "0", "1", …; see <see cref="Modules.Sequential"/>.</summary>
    public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);

    /// <summary>Named modules run in order: <c>nn.Sequential(("fc", nn.Linear(2, 3)), ("act", nn.ReLU()))</c>.</summary>
    public static Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

    /// <summary>A list of submodules named "0", "1", …; see <see cref="ModuleList{T}"/>.</summary>
    public static ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);

    public static ReLU ReLU() => new();
    public static LeakyReLU LeakyReLU(double negative_slope = 0.01) => new(negative_slope);
    public static SiLU SiLU() => new();
    public static GELU GELU(string approximate = "none") => new(approximate);
    public static Tanh Tanh() => new();
    public static Sigmoid Sigmoid() => new();
    public static Identity Identity() => new();

    /// <summary>Merges dimensions start_dim … end_dim (by default all but the batch).</summary>
    public static Flatten Flatten(int start_dim = 1, int end_dim = -1) => new(start_dim, end_dim);

    /// <summary>Splits dimension <paramref name="dim"/> into <paramref name="unflattened_size"/>.</summary>
    public static Unflatten Unflatten(int dim, params long[] unflattened_size) => new(dim, unflattened_size);

    /// <summary>Resizes images to a size or by a scale factor; see <see cref="Modules.Upsample"/>.</summary>
    public static Upsample Upsample(long[]? size = null, double? scale_factor = null, string mode = "nearest", bool? align_corners = null) =>
        new(size, scale_factor, mode, align_corners);
}
