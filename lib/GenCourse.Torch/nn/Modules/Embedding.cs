using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// A lookup table (PyTorch's <c>nn.Embedding</c>): integer indices [*] → rows of weight [*, embedding_dim].
/// Default init N(0, 1) as PyTorch; the row at <see cref="padding_idx"/> (if any) starts at zero
/// and gets no gradient.
/// </summary>
public sealed class Embedding : nn.Module<Tensor, Tensor>
{
    public Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, Device? device = null, ScalarType? dtype = null)
    {
        if (num_embeddings <= 0) throw new ArgumentOutOfRangeException(nameof(num_embeddings), num_embeddings, "Embedding needs num_embeddings >= 1");
        if (embedding_dim <= 0) throw new ArgumentOutOfRangeException(nameof(embedding_dim), embedding_dim, "Embedding needs embedding_dim >= 1");
        if (padding_idx is long p)
        {
            if (p >= num_embeddings || p < -num_embeddings)
                throw new ArgumentOutOfRangeException(nameof(padding_idx), p, $"padding_idx must be within [-{num_embeddings}, {num_embeddings - 1}]");
            padding_idx = p < 0 ? p + num_embeddings : p;
        }
        this.num_embeddings = num_embeddings;
        this.embedding_dim = embedding_dim;
        this.padding_idx = padding_idx;
        weight = RegisterParameter("weight", torch.empty(new[] { num_embeddings, embedding_dim }, dtype, device));
        reset_parameters();
    }

    public long num_embeddings { get; }
    public long embedding_dim { get; }
    /// <summary>The index whose row stays at zero (PyTorch's padding_idx), or null.</summary>
    public long? padding_idx { get; }
    /// <summary>[num_embeddings, embedding_dim].</summary>
    public Tensor weight { get; }

    /// <summary>Draws the default initialisation again (N(0, 1), padding row zero).</summary>
    public void reset_parameters()
    {
        nn.init.normal_(weight);
        if (padding_idx is long p)
        {
            using GradModeScope noGrad = torch.no_grad();
            using Tensor row = weight[p];
            row.fill_(0);
        }
    }

    // [*] int64 → [*, embedding_dim]
    public override Tensor forward(Tensor input)
    {
        ScalarType dt = input.dtype;
        if (dt is not (ScalarType.Int64 or ScalarType.Int32))
            throw new ArgumentException($"Embedding expects integer indices (int64 or int32), got {dt.TorchName()}; convert with .@long()", nameof(input));
        return nn.functional.embedding(input, weight, padding_idx ?? -1);
    }

    protected override string extra_repr()
    {
        string s = string.Create(CultureInfo.InvariantCulture, $"{num_embeddings}, {embedding_dim}");
        return padding_idx is long p ? s + string.Create(CultureInfo.InvariantCulture, $", padding_idx={p}") : s;
    }
}
