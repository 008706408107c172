using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

public static partial class nn
{
    public static partial class functional
    {
        private static readonly Op MseLoss = new("aten::mse_loss");
        private static readonly Op L1Loss = new("aten::l1_loss");
        private static readonly Op BceLoss = new("aten::binary_cross_entropy");
        private static readonly Op BceWithLogits = new("aten::binary_cross_entropy_with_logits");
        private static readonly Op CrossEntropy = new("aten::cross_entropy_loss");
        private static readonly Op NllLoss = new("aten::nll_loss_nd");
        private static readonly Op KlDiv = new("aten::kl_div");

        /// <summary>PyTorch's reduction names → ATen's enum (0 none, 1 mean, 2 sum).</summary>
        private static long Reduction(string reduction) => reduction switch
        {
            "none" => 0,
            "mean" => 1,
            "sum" => 2,
            _ => throw new ArgumentException($"reduction '{reduction}' is not one of \"none\", \"mean\", \"sum\""),
        };

        /// <summary>(input − target)², reduced.</summary>
        public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean") => MseLoss.Call(input, target, Reduction(reduction));

        /// <summary>|input − target|, reduced.</summary>
        public static Tensor l1_loss(Tensor input, Tensor target, string reduction = "mean") => L1Loss.Call(input, target, Reduction(reduction));

        /// <summary>−[t·log p + (1 − t)·log(1 − p)] for probabilities p (logs clamped at −100, as PyTorch).</summary>
        public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean") =>
            BceLoss.Call(input, target, weight, Reduction(reduction));

        /// <summary>
        /// Binary cross-entropy on logits x, computed stably:
        /// max(x, 0) − x·t + log(1 + exp(−|x|)).
        /// </summary>
        public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Tensor? pos_weight = null, string reduction = "mean") =>
            BceWithLogits.Call(input, target, weight, pos_weight, Reduction(reduction));

        /// <summary>−log softmax(input)[target] for class indices (int64), reduced.</summary>
        public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean", long ignore_index = -100, double label_smoothing = 0) =>
            CrossEntropy.Call(input, target, weight, Reduction(reduction), ignore_index, label_smoothing);

        /// <summary>−input[target] for log-probabilities, reduced.</summary>
        public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean", long ignore_index = -100) =>
            NllLoss.Call(input, target, weight, Reduction(reduction), ignore_index);

        /// <summary>
        /// KL(target ‖ q) with <paramref name="input"/> = log q: Σ target·(log target − input).
        /// "batchmean" divides the sum by the batch size (the mathematically correct KL);
        /// "mean" divides by the number of elements, as PyTorch does.
        /// </summary>
        public static Tensor kl_div(Tensor input, Tensor target, string reduction = "mean", bool log_target = false)
        {
            if (reduction == "batchmean")
            {
                using Tensor sum = KlDiv.Call(input, target, 2L, log_target);
                return sum / (double)input.size(0);
            }
            return KlDiv.Call(input, target, Reduction(reduction), log_target);
        }
    }
}
