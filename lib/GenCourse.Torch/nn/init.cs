using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

public static partial class nn
{
    /// <summary>
    /// PyTorch's <c>torch.nn.init</c>: fills a tensor in place (under no_grad, so parameters can
    /// be initialised) and returns it. Fans follow PyTorch: for a weight [out, in, k…],
    /// fan_in = in·∏k and fan_out = out·∏k.
    /// <list type="bullet">
    /// <item>Xavier/Glorot (Glorot &amp; Bengio 2010): Var = gain²·2/(fan_in + fan_out).</item>
    /// <item>Kaiming/He (He et al. 2015, arXiv:1502.01852): Var = gain²/fan, fan = fan_in or fan_out.</item>
    /// <item>Orthogonal (Saxe et al. 2013, arXiv:1312.6120): the rows (or columns) are orthonormal.</item>
    /// </list>
    /// A uniform U(−b, b) has variance b²/3, so a uniform init with standard deviation σ uses b = √3·σ.
    /// </summary>
    public static class init
    {
        private static readonly Op LinalgQr = new("aten::linalg_qr");
        private static readonly Op Diagonal = new("aten::diagonal");

        /// <summary>
        /// The gain that keeps activations' variance steady through a nonlinearity: 1 for linear,
        /// conv and sigmoid, 5/3 for tanh, √2 for relu, √(2/(1 + slope²)) for leaky_relu
        /// (slope = <paramref name="param"/>, 0.01 by default), 3/4 for selu.
        /// </summary>
        public static double calculate_gain(string nonlinearity, double? param = null) => nonlinearity switch
        {
            "linear" or "identity" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d"
                or "conv_transpose3d" or "sigmoid" => 1.0,
            "tanh" => 5.0 / 3.0,
            "relu" => Math.Sqrt(2.0),
            "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
            "selu" => 3.0 / 4.0,
            _ => throw new ArgumentException($"unsupported nonlinearity '{nonlinearity}'; use linear, conv2d, sigmoid, tanh, relu, leaky_relu or selu", nameof(nonlinearity)),
        };

        /// <summary>(fan_in, fan_out) of a weight of at least 2 dimensions: (size(1)·∏k, size(0)·∏k).</summary>
        public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            long[] s = tensor.shape;
            if (s.Length < 2)
                throw new ArgumentException($"fan in and fan out need a tensor with at least 2 dimensions, but this one has shape [{string.Join(", ", s)}]", nameof(tensor));
            long receptive = 1;
            for (int d = 2; d < s.Length; ++d) receptive *= s[d];
            return (s[1] * receptive, s[0] * receptive);
        }

        /// <summary>Fills with U(a, b).</summary>
        public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
        {
            if (b < a) throw new ArgumentException($"uniform_ needs a <= b, got a={a}, b={b}");
            using GradModeScope noGrad = torch.no_grad();
            return tensor.uniform_(a, b, generator);
        }

        /// <summary>Fills with N(mean, std²).</summary>
        public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
        {
            if (std < 0) throw new ArgumentOutOfRangeException(nameof(std), std, "the standard deviation must be >= 0");
            using GradModeScope noGrad = torch.no_grad();
            return tensor.normal_(mean, std, generator);
        }

        /// <summary>Fills with <paramref name="value"/>.</summary>
        public static Tensor constant_(Tensor tensor, double value)
        {
            using GradModeScope noGrad = torch.no_grad();
            return tensor.fill_(value);
        }

        public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);
        public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

        /// <summary>Xavier uniform: U(−b, b) with b = gain·√(6/(fan_in + fan_out)).</summary>
        public static Tensor xavier_uniform_(Tensor tensor, double gain = 1, Generator? generator = null)
        {
            (long fanIn, long fanOut) = calculate_fan_in_and_fan_out(tensor);
            double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
            double bound = Math.Sqrt(3.0) * std;
            return uniform_(tensor, -bound, bound, generator);
        }

        /// <summary>Xavier normal: N(0, σ²) with σ = gain·√(2/(fan_in + fan_out)).</summary>
        public static Tensor xavier_normal_(Tensor tensor, double gain = 1, Generator? generator = null)
        {
            (long fanIn, long fanOut) = calculate_fan_in_and_fan_out(tensor);
            return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
        }

        /// <summary>
        /// Kaiming uniform: U(−b, b) with b = √3·gain/√fan, gain = calculate_gain(nonlinearity, a).
        /// With a = √5 (Linear's and Conv's default) b = 1/√fan_in.
        /// </summary>
        public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
        {
            if (tensor.numel() == 0) return tensor;
            double std = calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
            double bound = Math.Sqrt(3.0) * std;
            return uniform_(tensor, -bound, bound, generator);
        }

        /// <summary>Kaiming normal: N(0, σ²) with σ = gain/√fan (relu, fan_in: σ = √2/√fan_in).</summary>
        public static Tensor kaiming_normal_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
        {
            if (tensor.numel() == 0) return tensor;
            double std = calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
            return normal_(tensor, 0, std, generator);
        }

        /// <summary>
        /// A (semi-)orthogonal matrix times <paramref name="gain"/>: the tensor is viewed as
        /// [rows, cols] = [size(0), numel/size(0)]; Q from the QR factorisation of a Gaussian matrix,
        /// with column signs fixed by diag(R) so that Q is uniformly (Haar) distributed.
        /// Rows are orthonormal when rows ≤ cols (Q Qᵀ = I), else columns are (Qᵀ Q = I).
        /// </summary>
        public static Tensor orthogonal_(Tensor tensor, double gain = 1, Generator? generator = null)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            if (tensor.dim() < 2)
                throw new ArgumentException($"orthogonal_ needs a tensor with at least 2 dimensions, but this one has shape [{string.Join(", ", tensor.shape)}]", nameof(tensor));
            if (tensor.numel() == 0) return tensor;
            long rows = tensor.size(0);
            long cols = tensor.numel() / rows;
            ScalarType dt = tensor.dtype is ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
            using DisposeScope scope = torch.NewDisposeScope();
            using GradModeScope noGrad = torch.no_grad();
            Tensor a = torch.empty(new[] { rows, cols }, dt, tensor.device).normal_(0, 1, generator);
            if (rows < cols) a = a.t();                                  // QR of the tall orientation
            (Tensor q, Tensor r) = LinalgQr.Call2(a, "reduced");
            Tensor signs = Diagonal.Call(r, 0L, -2L, -1L).sign();
            q = q * signs;                                               // column j times sign(R_jj)
            if (rows < cols) q = q.t();
            tensor.copy_(q.reshape(tensor.shape));
            tensor.mul_(gain);
            return tensor;
        }

        private static long Fan(Tensor tensor, string mode)
        {
            (long fanIn, long fanOut) = calculate_fan_in_and_fan_out(tensor);
            return mode switch
            {
                "fan_in" => fanIn,
                "fan_out" => fanOut,
                _ => throw new ArgumentException($"mode '{mode}' is not supported; use \"fan_in\" or \"fan_out\"", nameof(mode)),
            };
        }
    }
}
