using System.Runtime.InteropServices;
using System.Text;

namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// The MKL version linked into libtorch. TorchSharp 0.107.0 has no <c>torch.__config__</c>
/// (PyTorch's <c>show()</c> and <c>parallel_info()</c>), and MKL is linked statically into
/// <c>libtorch_cpu</c>, so no <c>libmkl*</c> appears in the memory map; libtorch does export
/// MKL's own <c>MKL_Get_Version_String</c>, which this calls.
/// </summary>
public static class MklVersion
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void GetVersionString(byte[] buffer, int length);

    /// <summary>MKL's version line, from the already loaded <paramref name="libtorch"/>; null when it has no MKL.</summary>
    public static string? Read(string libtorch)
    {
        if (!NativeLibrary.TryLoad(libtorch, out IntPtr handle)) return null;
        try
        {
            if (!NativeLibrary.TryGetExport(handle, "MKL_Get_Version_String", out IntPtr export)) return null;
            var buffer = new byte[256];
            Marshal.GetDelegateForFunctionPointer<GetVersionString>(export)(buffer, buffer.Length);
            int end = Array.IndexOf(buffer, (byte)0);
            string text = Encoding.ASCII.GetString(buffer, 0, end < 0 ? buffer.Length : end).Trim();
            return text.Length == 0 ? null : text;
        }
        finally
        {
            NativeLibrary.Free(handle);   // drops only this reference; TorchSharp's keeps it loaded
        }
    }
}
