using System.Runtime.InteropServices;

namespace GenCourse.Bench;

/// <summary>
/// glibc's own account of the native heap (<c>mallinfo2</c>, summed over all arenas): what the
/// program holds, and what the allocator has taken from the kernel. A gap that widens while the
/// first stays flat is fragmentation, not a leak.
/// </summary>
public static partial class MallocStats
{
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallInfo2 mallinfo2();

    /// <summary>Bytes in use by the program (heap chunks plus mmapped blocks), in kB.</summary>
    public static long InUseKiloBytes()
    {
        MallInfo2 m = mallinfo2();
        return (long)(m.Uordblks + m.Hblkhd) / 1024;
    }

    /// <summary>Bytes the allocator holds from the kernel (arenas plus mmapped blocks), in kB.</summary>
    public static long HeldKiloBytes()
    {
        MallInfo2 m = mallinfo2();
        return (long)(m.Arena + m.Hblkhd) / 1024;
    }
}
