using System.Reflection;

namespace GenCourse.Bench.Engine;

/// <summary>
/// The course's per-step memory hook, <c>GenCourse.Training.StepMemory.AfterStep(step)</c>, when the
/// library has one. TorchSharp 0.107.0 keeps native memory behind finalizable wrappers that dispose
/// scopes do not reach (<c>p.grad</c>'s handles, scalar arguments inside <c>optim.Adam</c>), so RSS
/// grows until a GC runs; a hook in the course's training loop is the planned answer. The bench's
/// own step loops (<c>mlp_step</c>, <c>conv_step</c>) call it as a course loop would; the course's
/// trainers (<c>vae_epoch</c>, <c>dcgan_step</c>) call whatever they call. Looked up by reflection so
/// that the bench builds and measures with or without it.
/// </summary>
public static class StepHook
{
    private static readonly Action<long>? AfterStepAction = Find();

    /// <summary>Where the hook was found, or that it was not.</summary>
    public static string Description => AfterStepAction is null
        ? "none (GenCourse.Training.StepMemory.AfterStep not in the library)"
        : "GenCourse.Training.StepMemory.AfterStep after each step";

    /// <summary>Calls the hook after training step <paramref name="step"/> (1-based), if there is one.</summary>
    public static void AfterStep(long step) => AfterStepAction?.Invoke(step);

    private static Action<long>? Find()
    {
        Type? type = typeof(GenCourse.Data.Mnist).Assembly.GetType("GenCourse.Training.StepMemory");
        MethodInfo? method = type?.GetMethod("AfterStep", BindingFlags.Public | BindingFlags.Static, [typeof(long)])
            ?? type?.GetMethod("AfterStep", BindingFlags.Public | BindingFlags.Static, [typeof(int)]);
        if (method is null) return null;
        if (method.GetParameters()[0].ParameterType == typeof(long))
            return method.CreateDelegate<Action<long>>();
        var intHook = method.CreateDelegate<Action<int>>();
        return step => intHook((int)Math.Min(step, int.MaxValue));
    }
}
