namespace GenCourse.Autoencoders;

/// <summary>
/// One epoch of training: the mean over its steps of the total loss, of L_AE and of the
/// penalty (NaN for a model without one), the test error per pixel when a test set was given
/// (else NaN), and the time since training started.
/// </summary>
public sealed record EpochRecord(int Epoch, double Loss, double Reconstruction, double Penalty, double TestMsePerPixel, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"epoch {Epoch + 1}: loss {Loss:F4} (reconstruction {Reconstruction:F4}" +
        (double.IsNaN(Penalty) ? ")" : $", penalty {Penalty:F4})") +
        (double.IsNaN(TestMsePerPixel) ? "" : $", test MSE/pixel {TestMsePerPixel:F5}") +
        $", {Elapsed.TotalSeconds:F0} s";
}
