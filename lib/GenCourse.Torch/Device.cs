namespace GenCourse.Torch;

/// <summary>Device types, numbered as c10::DeviceType.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>
/// Where a tensor lives: <c>torch.device("cpu")</c>, <c>torch.device("cuda")</c>,
/// <c>torch.device("cuda:1")</c>. Index -1 means "the current device of that type".
/// </summary>
public readonly record struct Device(DeviceType type, int index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);
    public static readonly Device CUDA = new(DeviceType.CUDA);

    /// <summary>Parses "cpu", "cuda" or "cuda:N".</summary>
    public static Device Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string s = spec.Trim().ToLowerInvariant();
        string kind = s;
        int index = -1;
        int colon = s.IndexOf(':');
        if (colon >= 0)
        {
            kind = s[..colon];
            if (!int.TryParse(s[(colon + 1)..], out index) || index < 0)
                throw new ArgumentException($"'{spec}' is not a device: the index after ':' must be a whole number >= 0, as in \"cuda:0\".");
        }
        return kind switch
        {
            "cpu" => new Device(DeviceType.CPU, index),
            "cuda" => new Device(DeviceType.CUDA, index),
            _ => throw new ArgumentException($"'{spec}' is not a device: use \"cpu\", \"cuda\" or \"cuda:N\"."),
        };
    }

    /// <summary>True for CUDA devices.</summary>
    public bool is_cuda => type == DeviceType.CUDA;

    public override string ToString()
    {
        string name = type == DeviceType.CUDA ? "cuda" : "cpu";
        return index >= 0 ? $"{name}:{index}" : name;
    }

    public static implicit operator Device(string spec) => Parse(spec);
}
