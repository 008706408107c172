using GenCourse.Torch.Serialization;

namespace GenCourse.Torch;

public static partial class optim
{
    // save / load: the optimizer's state dict as a safetensors file, so training can resume.
    public abstract partial class Optimizer
    {
        /// <summary>Writes <see cref="state_dict"/> to <paramref name="path"/> as safetensors, atomically.</summary>
        public void save(string path, IDictionary<string, string>? metadata = null)
        {
            using StateDict sd = state_dict();
            SafeTensors.Save(path, sd, metadata);
        }

        /// <summary>Restores a file written by <see cref="save"/>; everything is checked before anything changes.</summary>
        public void load(string path)
        {
            Dictionary<string, Tensor> loaded = SafeTensors.Load(path);
            try
            {
                load_state_dict(loaded);
            }
            finally
            {
                foreach (Tensor t in loaded.Values) t.Dispose();
            }
        }
    }
}
