using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

using GenCourse.Checkpoints;

namespace GenCourse.Training;

/// <summary>
/// "Load or train" for the notebooks: a model is trained once per configuration and its weights
/// are kept in a safetensors checkpoint. The configuration (hyper-parameters, seed, data) goes
/// into the file name as a hash and into the file's metadata in full, so a checkpoint of another
/// configuration is never loaded silently: it has another name, and a file whose stored
/// configuration differs from the one asked for is an error that lists the differences.
/// Works with anything that has a state dictionary (a module, an optimizer).
/// </summary>
public static class Checkpoint
{
    /// <summary>Metadata key holding the configuration, as canonical JSON (keys sorted).</summary>
    public const string ConfigKey = "gencourse.config";

    /// <summary>Metadata key holding the SHA-256 (hex) of the canonical configuration.</summary>
    public const string ConfigHashKey = "gencourse.config_sha256";

    // The torch loaders of safetensors and transformers read this key to know the tensors are PyTorch's.
    private const string FormatKey = "format";

    private const int NameHashLength = 12;

    /// <summary>
    /// If the checkpoint for <paramref name="config"/> exists, loads it and hands its tensors to
    /// <paramref name="load"/> (they are disposed when it returns: copy them, as
    /// <c>load_state_dict</c> does). Otherwise runs <paramref name="train"/> and saves the state
    /// dictionary it returns (which stays the caller's). The file is
    /// <see cref="PathFor"/>(<paramref name="path"/>, <paramref name="config"/>).
    /// </summary>
    public static CheckpointResult LoadOrTrain(string path, IReadOnlyDictionary<string, string> config,
        Func<IReadOnlyDictionary<string, Tensor>> train, Action<IReadOnlyDictionary<string, Tensor>> load)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(load);
        string file = PathFor(path, config);
        if (File.Exists(file))
        {
            Dictionary<string, Tensor> state = Load(file, config);
            try { load(state); }
            finally
            {
                foreach (Tensor t in state.Values) t.Dispose();
            }
            return new CheckpointResult(file, Loaded: true);
        }
        IReadOnlyDictionary<string, Tensor> trained = train() ?? throw new InvalidOperationException("the train function returned no state dictionary");
        Save(file, config, trained);
        return new CheckpointResult(file, Loaded: false);
    }

    /// <summary>
    /// Load or train a module: if the checkpoint for <paramref name="config"/> exists its weights
    /// are loaded into <paramref name="model"/> (strictly: same keys and shapes); otherwise
    /// <paramref name="train"/> trains <paramref name="model"/> and its state dict is saved.
    /// Re-running a notebook with the same configuration then skips training.
    /// </summary>
    public static CheckpointResult LoadOrTrain(string path, IReadOnlyDictionary<string, string> config, nn.Module model, Action train)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        // state_dict() hands out the module's own parameters and buffers: nothing here to dispose.
        return LoadOrTrain(path, config,
            () =>
            {
                train();
                return model.state_dict();
            },
            state => model.load_state_dict(new Dictionary<string, Tensor>(state)));
    }

    /// <summary>
    /// Writes <paramref name="model"/>'s state dict to <paramref name="file"/> as safetensors,
    /// atomically (a crash mid-save leaves the previous file whole), with <paramref name="metadata"/>
    /// in its <c>__metadata__</c>. Python's <c>safetensors.torch.load_file</c> opens it. TorchSharp's
    /// own <c>module.save</c> writes a TorchSharp-only format without metadata.
    /// </summary>
    public static void SaveWeights(nn.Module model, string file, IDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensors.Save(file, model.state_dict(), metadata);
    }

    /// <summary>
    /// Loads a file written by <see cref="SaveWeights"/> (or by PyTorch's <c>safetensors.torch.save_file</c>
    /// with the same keys) into <paramref name="model"/>. The file is validated, and with
    /// <paramref name="strict"/> every key and shape checked against the model, before any
    /// parameter changes; a mismatch names the tensor and both shapes.
    /// </summary>
    public static void LoadWeights(nn.Module model, string file, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        Dictionary<string, Tensor> own = model.state_dict();
        Dictionary<string, Tensor> loaded = strict
            ? SafeTensors.Load(file, own.ToDictionary(e => e.Key, e => e.Value.shape))
            : SafeTensors.Load(file);
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var (key, value) in loaded)
            {
                if (!own.TryGetValue(key, out Tensor? target)) continue;   // strict already refused extra keys
                if (!target.shape.SequenceEqual(value.shape))
                    throw new SafeTensorsException(file, $"tensor '{key}' has shape [{string.Join(", ", value.shape)}] but the model's is [{string.Join(", ", target.shape)}].");
                target.copy_(value);
            }
        }
        finally
        {
            foreach (Tensor t in loaded.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Writes an optimizer's state (Adam's moments and step counts) atomically, in TorchSharp's
    /// binary state-dict format, so training can resume exactly where it stopped.
    /// </summary>
    public static void SaveOptimizer(OptimizerHelper optimizer, string file)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        AtomicFile.Write(file, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            optimizer.save_state_dict(writer);
        });
    }

    /// <summary>Loads an optimizer state written by <see cref="SaveOptimizer"/> into an optimizer over the same parameters.</summary>
    public static void LoadOptimizer(OptimizerHelper optimizer, string file)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such optimizer state file.", file);
        using var stream = File.OpenRead(file);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        optimizer.load_state_dict(reader);
    }

    /// <summary>
    /// The file for <paramref name="config"/>: <c>folder/name.&lt;12 hex digits&gt;.safetensors</c>,
    /// from <paramref name="path"/> = <c>folder/name.safetensors</c> (or <c>folder/name</c>).
    /// </summary>
    public static string PathFor(string path, IReadOnlyDictionary<string, string> config)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string hash = ConfigHash(config)[..NameHashLength];
        string stem = path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? path[..^".safetensors".Length] : path;
        return $"{stem}.{hash}.safetensors";
    }

    /// <summary>
    /// Saves <paramref name="state"/> to <paramref name="file"/> (atomically) with the
    /// configuration in its metadata. The file name is used as given.
    /// </summary>
    public static void Save(string file, IReadOnlyDictionary<string, string> config, IReadOnlyDictionary<string, Tensor> state)
    {
        string canonical = CanonicalConfig(config);
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = "pt",
            [ConfigKey] = canonical,
            [ConfigHashKey] = Sha256Hex(canonical),
        };
        SafeTensors.Save(file, state, metadata);
    }

    /// <summary>
    /// Loads <paramref name="file"/> after checking that it was saved for exactly
    /// <paramref name="config"/>; a difference is an error naming each differing key.
    /// </summary>
    public static Dictionary<string, Tensor> Load(string file, IReadOnlyDictionary<string, string> config)
    {
        string canonical = CanonicalConfig(config);
        SafeTensorsHeader header;
        try
        {
            header = SafeTensors.ReadHeader(file);
        }
        catch (SafeTensorsException e)
        {
            throw new SafeTensorsException(file, e.Problem + " Delete the file to train again.");
        }
        if (!header.Metadata.TryGetValue(ConfigKey, out string? stored))
            throw new SafeTensorsException(file, $"has no '{ConfigKey}' metadata, so its configuration cannot be checked (it was not saved by Checkpoint.Save). Delete or rename it to train again.");
        if (stored != canonical)
            throw new SafeTensorsException(file, $"was saved for another configuration: {Difference(stored, config)}. Delete it to train again, or use the configuration it was trained with.");
        return SafeTensors.Load(file);
    }

    /// <summary>The SHA-256 (lowercase hex) of the canonical configuration.</summary>
    public static string ConfigHash(IReadOnlyDictionary<string, string> config) => Sha256Hex(CanonicalConfig(config));

    /// <summary>The configuration as compact JSON with keys in ordinal order, so equal maps give equal text.</summary>
    public static string CanonicalConfig(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            foreach (var (k, v) in config.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (v is null) throw new ArgumentException($"configuration value '{k}' is null; use a string (e.g. \"none\")", nameof(config));
                w.WriteString(k, v);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>"lr: file 0.001, asked 0.002; seed: missing from the file (asked 1)".</summary>
    private static string Difference(string stored, IReadOnlyDictionary<string, string> asked)
    {
        Dictionary<string, string>? saved;
        try
        {
            saved = JsonSerializer.Deserialize<Dictionary<string, string>>(stored);
        }
        catch (JsonException)
        {
            saved = null;
        }
        if (saved is null) return $"its stored configuration is not readable ({stored})";
        var parts = new List<string>();
        foreach (string key in saved.Keys.Union(asked.Keys).Order(StringComparer.Ordinal))
        {
            bool inFile = saved.TryGetValue(key, out string? f);
            bool inAsked = asked.TryGetValue(key, out string? a);
            if (inFile && inAsked && f != a) parts.Add($"{key}: file {f}, asked {a}");
            else if (!inFile) parts.Add($"{key}: missing from the file (asked {a})");
            else if (!inAsked) parts.Add($"{key}: {f} in the file, not in the configuration asked for");
        }
        return parts.Count > 0 ? string.Join("; ", parts) : "the stored text differs";
    }
}
