using GenCourse.Torch.Serialization;

namespace GenCourse.Torch;

public static partial class nn
{
    // save / load: the state dict as a safetensors file, which Python's `safetensors` opens.
    public abstract partial class Module
    {
        /// <summary>
        /// Writes <see cref="state_dict"/> to <paramref name="path"/> as safetensors, atomically
        /// (a temp file in the same folder, then a rename): a crash mid-save leaves the previous
        /// file intact. <paramref name="metadata"/> goes into the file's <c>__metadata__</c>.
        /// </summary>
        public void save(string path, IDictionary<string, string>? metadata = null)
        {
            using StateDict sd = state_dict();
            SafeTensors.Save(path, sd, metadata);
        }

        /// <summary>
        /// Loads a file written by <see cref="save"/> (or by PyTorch's <c>safetensors.torch.save_file</c>
        /// with the same keys). The file is validated, and every shape checked against this
        /// module, before any parameter changes; a mismatch names the tensor and both shapes.
        /// </summary>
        public IncompatibleKeys load(string path, bool strict = true)
        {
            var expected = new Dictionary<string, long[]>();
            using (StateDict sd = state_dict())
                foreach ((string key, Tensor t) in sd) expected[key] = t.shape;
            Dictionary<string, Tensor> loaded = strict
                ? SafeTensors.Load(path, expected)
                : SafeTensors.Load(path);
            try
            {
                return load_state_dict(loaded, strict);
            }
            finally
            {
                foreach (Tensor t in loaded.Values) t.Dispose();
            }
        }
    }
}
