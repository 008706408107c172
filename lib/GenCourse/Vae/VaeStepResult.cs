namespace GenCourse.Vae;

/// <summary>One optimisation step of a <see cref="VaeTrainer"/>: its number (from 1) and the batch's loss terms in nats per sample.</summary>
public sealed record VaeStepResult(long Step, double Loss, double ReconstructionLoss, double Kl);
