namespace GenCourse.Torch;

public static partial class optim
{
    /// <summary>
    /// Parameters that share a learning rate and weight decay (PyTorch's param_groups entry), e.g.
    /// no decay for biases and norms:
    /// <code>optim.AdamW(new[] { new optim.ParamGroup(weights), new optim.ParamGroup(others, weight_decay: 0) }, lr: 1e-3)</code>
    /// Settings left null take the optimizer's. Learning-rate schedulers change <see cref="lr"/>.
    /// </summary>
    public sealed class ParamGroup
    {
        private readonly double? requestedLr;
        private readonly double? requestedWeightDecay;
        private double lrValue;
        private double weightDecayValue;
        private bool bound;

        public ParamGroup(IEnumerable<Tensor> @params, double? lr = null, double? weight_decay = null)
        {
            ArgumentNullException.ThrowIfNull(@params);
            this.@params = @params.ToList();
            requestedLr = lr;
            requestedWeightDecay = weight_decay;
        }

        /// <summary>The parameters this group updates.</summary>
        public IReadOnlyList<Tensor> @params { get; }

        /// <summary>The learning rate now (schedulers set it).</summary>
        public double lr
        {
            get => lrValue;
            set => lrValue = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(lr), value, "the learning rate must be >= 0");
        }

        /// <summary>The weight decay λ.</summary>
        public double weight_decay
        {
            get => weightDecayValue;
            set => weightDecayValue = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(weight_decay), value, "weight_decay must be >= 0");
        }

        /// <summary>The learning rate schedulers start from (set by the first scheduler attached).</summary>
        public double? initial_lr { get; set; }

        /// <summary>Fills settings the group left open with the optimizer's; a group serves one optimizer.</summary>
        internal void Bind(double lr, double weight_decay)
        {
            if (bound)
                throw new ArgumentException("this ParamGroup already belongs to an optimizer; create a new ParamGroup for each optimizer");
            bound = true;
            this.lr = requestedLr ?? lr;
            this.weight_decay = requestedWeightDecay ?? weight_decay;
        }
    }
}
