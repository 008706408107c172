using System.Globalization;

namespace GenCourse.Training;

/// <summary>
/// Training produced a loss that is NaN or ±∞. Thrown by a training loop before the update is
/// applied, so the parameters are still those of the last good step; the message names the
/// step (counted from 1 over the whole run), the epoch, and the value of each loss term, so a
/// divergence is reported where it happened instead of spreading NaN through the model.
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    public NonFiniteLossException(long step, int epoch, IReadOnlyDictionary<string, double> terms)
        : base(Describe(step, epoch, terms))
    {
        Step = step;
        Epoch = epoch;
        Terms = terms;
    }

    /// <summary>The step whose loss was not finite (1 = the first step of the run).</summary>
    public long Step { get; }

    /// <summary>The epoch it happened in (0 = the first).</summary>
    public int Epoch { get; }

    /// <summary>Each loss term's value at that step, by name.</summary>
    public IReadOnlyDictionary<string, double> Terms { get; }

    private static string Describe(long step, int epoch, IReadOnlyDictionary<string, double> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        string values = string.Join(", ", terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} = {t.Value}")));
        return $"the loss is not finite at step {step} (epoch {epoch}): {values}. The update was not applied. " +
               "Usual causes: a learning rate too high, inputs outside the range the likelihood expects " +
               "(Bernoulli targets must lie in [0, 1]), or log-variances without a clamp.";
    }
}
