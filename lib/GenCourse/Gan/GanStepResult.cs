namespace GenCourse.Gan;

/// <summary>
/// One step of a <see cref="GanTrainer"/>, the numbers the PyTorch DCGAN tutorial prints:
/// </summary>
/// <param name="Step">Its number, from 1.</param>
/// <param name="LossD">L_D = −mean log D(x) − mean log(1 − D(G(z))) before D's update (2 log 2 ≈ 1.386 when D cannot tell).</param>
/// <param name="LossG">L_G = −mean log D(G(z)) against the updated D (the non-saturating loss).</param>
/// <param name="DReal">mean D(x) = mean σ(l_real) on the real batch, before D's update (the tutorial's D(x)).</param>
/// <param name="DFake">mean D(G(z)) on the fakes, before D's update (the tutorial's D(G(z)) first figure).</param>
public sealed record GanStepResult(long Step, double LossD, double LossG, double DReal, double DFake);
