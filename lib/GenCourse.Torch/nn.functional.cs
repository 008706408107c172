using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

/// <summary>PyTorch's <c>torch.nn</c>: layers, and the stateless <see cref="functional"/> ops.</summary>
public static partial class nn
{
    /// <summary>PyTorch's <c>torch.nn.functional</c>: layers and losses as plain functions.</summary>
    public static partial class functional
    {
        private static readonly Op Linear = new("aten::linear");
        private static readonly Op Conv2d = new("aten::conv2d");
        private static readonly Op ConvTranspose2d = new("aten::conv_transpose2d", "input");
        private static readonly Op MaxPool2d = new("aten::max_pool2d");
        private static readonly Op AvgPool2d = new("aten::avg_pool2d");
        private static readonly Op AdaptiveAvgPool2d = new("aten::adaptive_avg_pool2d");
        private static readonly Op UpsampleNearest = new("aten::upsample_nearest2d", "vec");
        private static readonly Op UpsampleBilinear = new("aten::upsample_bilinear2d", "vec");
        private static readonly Op BatchNorm = new("aten::batch_norm");
        private static readonly Op GroupNorm = new("aten::group_norm");
        private static readonly Op LayerNorm = new("aten::layer_norm");
        private static readonly Op Dropout = new("aten::dropout");
        private static readonly Op Embedding = new("aten::embedding");
        private static readonly Op OneHot = new("aten::one_hot");
        private static readonly Op Pad = new("aten::pad");

        /// <summary>y = x Wᵀ + b, with W of shape [out, in].</summary>
        public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) => Linear.Call(input, weight, bias);

        /// <summary>2-D convolution of [N, C_in, H, W] with weight [C_out, C_in/groups, kH, kW].</summary>
        public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
            Conv2d.Call(input, weight, bias, new[] { stride, stride }, new[] { padding, padding }, new[] { dilation, dilation }, groups);

        public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups = 1) =>
            Conv2d.Call(input, weight, bias, stride, padding, dilation, groups);

        /// <summary>Transposed 2-D convolution (the gradient of conv2d); weight is [C_in, C_out/groups, kH, kW].</summary>
        public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0,
            long output_padding = 0, long groups = 1, long dilation = 1) =>
            ConvTranspose2d.Call(input, weight, bias, new[] { stride, stride }, new[] { padding, padding },
                new[] { output_padding, output_padding }, groups, new[] { dilation, dilation });

        public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false)
        {
            long s = stride ?? kernel_size;
            return MaxPool2d.Call(input, new[] { kernel_size, kernel_size }, new[] { s, s }, new[] { padding, padding }, new[] { dilation, dilation }, ceil_mode);
        }

        public static Tensor avg_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true)
        {
            long s = stride ?? kernel_size;
            return AvgPool2d.Call(input, new[] { kernel_size, kernel_size }, new[] { s, s }, new[] { padding, padding }, ceil_mode, count_include_pad, Arg.None);
        }

        public static Tensor adaptive_avg_pool2d(Tensor input, long output_size) => AdaptiveAvgPool2d.Call(input, new[] { output_size, output_size });
        public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size) => AdaptiveAvgPool2d.Call(input, output_size);

        /// <summary>
        /// Resizes [N, C, H, W] to <paramref name="size"/> or by <paramref name="scale_factor"/>;
        /// <paramref name="mode"/> is "nearest" or "bilinear".
        /// </summary>
        public static Tensor interpolate(Tensor input, long[]? size = null, double? scale_factor = null, string mode = "nearest", bool? align_corners = null)
        {
            if ((size is null) == (scale_factor is null))
                throw new ArgumentException("interpolate needs exactly one of size and scale_factor");
            Arg sizeArg = Arg.Opt(size);
            Arg scales = scale_factor is double f ? new[] { f, f } : Arg.None;
            return mode switch
            {
                "nearest" when align_corners is not null => throw new ArgumentException("align_corners only applies to mode \"bilinear\""),
                "nearest" => UpsampleNearest.Call(input, sizeArg, scales),
                "bilinear" => UpsampleBilinear.Call(input, sizeArg, align_corners ?? false, scales),
                _ => throw new ArgumentException($"interpolate mode '{mode}' is not supported; use \"nearest\" or \"bilinear\""),
            };
        }

        /// <summary>
        /// Batch normalisation. In training it normalises with the batch statistics and updates
        /// the running ones in place (running = (1 − momentum)·running + momentum·batch).
        /// </summary>
        public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
            bool training = false, double momentum = 0.1, double eps = 1e-5) =>
            BatchNorm.Call(input, weight, bias, running_mean, running_var, training, momentum, eps, true);

        /// <summary>Normalises each group of channels over (C/G, H, W), then scales and shifts per channel.</summary>
        public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
            GroupNorm.Call(input, num_groups, weight, bias, eps, true);

        /// <summary>Normalises over the trailing <paramref name="normalized_shape"/> dimensions.</summary>
        public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
            LayerNorm.Call(input, normalized_shape, weight, bias, eps, true);

        /// <summary>Zeroes elements with probability p and scales the rest by 1/(1 − p) when training.</summary>
        public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
        {
            if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
            return Dropout.Call(input, p, training);
        }

        /// <summary>Rows of <paramref name="weight"/> picked by integer <paramref name="indices"/>.</summary>
        public static Tensor embedding(Tensor indices, Tensor weight, long padding_idx = -1) => Embedding.Call(weight, indices, padding_idx, false, false);

        /// <summary>int64 class indices → one-hot int64 vectors.</summary>
        public static Tensor one_hot(Tensor indices, long num_classes = -1) => OneHot.Call(indices, num_classes);

        /// <summary>
        /// Pads the last dimensions: <paramref name="pad"/> is (left, right, top, bottom, …);
        /// <paramref name="mode"/> is "constant", "reflect", "replicate" or "circular".
        /// </summary>
        public static Tensor pad(Tensor input, long[] pad, string mode = "constant", double value = 0) =>
            Pad.Call(input, pad, mode, mode == "constant" ? value : Arg.None);

        public static Tensor relu(Tensor x) => x.relu();
        public static Tensor leaky_relu(Tensor x, double negative_slope = 0.01) => x.leaky_relu(negative_slope);
        public static Tensor sigmoid(Tensor x) => x.sigmoid();
        public static Tensor tanh(Tensor x) => x.tanh();
        public static Tensor silu(Tensor x) => x.silu();
        public static Tensor gelu(Tensor x, string approximate = "none") => x.gelu(approximate);
        public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) => x.softplus(beta, threshold);
        public static Tensor softmax(Tensor x, int dim) => x.softmax(dim);
        public static Tensor log_softmax(Tensor x, int dim) => x.log_softmax(dim);
    }
}
