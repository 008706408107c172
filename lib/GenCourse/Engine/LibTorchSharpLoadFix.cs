// Written for C# 7.3 and netstandard: the build compiles this same file into an MSBuild task
// (Directory.Build.targets, RoslynCodeTaskFactory), so no file-scoped namespace, records or
// nullable annotations here.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GenCourse.Engine
{
    /// <summary>What <see cref="LibTorchSharpLoadFix.Weaken"/> did to a file.</summary>
    public enum LoadFixOutcome
    {
        /// <summary>The version need was strong and is now weak.</summary>
        Patched,
        /// <summary>The version need was already weak: nothing to do.</summary>
        AlreadyWeak,
        /// <summary>The file does not need the version at all (another build of the library).</summary>
        NotNeeded,
        /// <summary>Symbols other than the allowed ones need the version: weakening it would hide a real need.</summary>
        Refused,
    }

    /// <summary>
    /// Answers a TorchSharp 0.107.0 loading failure on Debian 12 and Ubuntu 22.04.
    /// <para>
    /// <c>libLibTorchSharp.so</c> 0.107.0 was built with GCC 13 and lists the version
    /// <c>GLIBCXX_3.4.32</c> of <c>libstdc++.so.6</c> among its needs, for one symbol only,
    /// <c>_ZSt21ios_base_library_initv</c>: a marker that GCC 13's &lt;iostream&gt; references and
    /// that no relocation uses. Debian 12's libstdc++ stops at 3.4.30, so glibc refuses to load the
    /// file and TorchSharp reports, wrongly, a missing libtorch package.
    /// </para>
    /// <para>
    /// glibc's loader (elf/dl-version.c) accepts a missing version whose <c>Vernaux</c> entry in
    /// <c>.gnu.version_r</c> carries <c>VER_FLG_WEAK</c> (0x2). Setting that flag changes one byte;
    /// where the system's libstdc++ has the version, nothing changes at all. The build applies it
    /// to its own output copy (a new file, because copy-local outputs may be hard links into the
    /// NuGet cache, which must stay untouched). It refuses when any other symbol needs the version.
    /// </para>
    /// </summary>
    public static class LibTorchSharpLoadFix
    {
        /// <summary>The library whose version need is weakened.</summary>
        public const string NeededFile = "libstdc++.so.6";

        /// <summary>The version TorchSharp 0.107.0 needs for one marker symbol.</summary>
        public const string NeededVersion = "GLIBCXX_3.4.32";

        /// <summary>The only symbol allowed to need <see cref="NeededVersion"/>.</summary>
        public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

        private const uint ShtDynsym = 11;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>
        /// Weakens the need in <paramref name="path"/> if it has one. A patched file is written next
        /// to it and renamed over it, so a crash never leaves half a library and a hard link's
        /// other names keep the original.
        /// </summary>
        public static LoadFixOutcome PatchFile(string path, out string detail)
        {
            byte[] elf = File.ReadAllBytes(path);
            LoadFixOutcome outcome = Weaken(elf, path, out detail);
            if (outcome == LoadFixOutcome.Patched)
            {
                string temp = path + ".gencourse-tmp";
                File.WriteAllBytes(temp, elf);
                CopyMode(path, temp);
                File.Delete(path);
                File.Move(temp, path);
            }
            return outcome;
        }

        /// <summary>
        /// Sets <c>VER_FLG_WEAK</c> in <paramref name="elf"/> (a 64-bit little-endian ELF file's
        /// bytes, changed in place) on the need for <see cref="NeededVersion"/> of
        /// <see cref="NeededFile"/>, if only <see cref="MarkerSymbol"/> uses it.
        /// <paramref name="source"/> names the file in errors.
        /// </summary>
        public static LoadFixOutcome Weaken(byte[] elf, string source, out string detail)
        {
            if (elf == null) throw new ArgumentNullException("elf");
            // ELF header: magic, class 2 (64-bit), data 1 (little-endian).
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException(source + " is not an ELF file.");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException(source + " is not a 64-bit little-endian ELF file; only those are patched.");
            ulong shoff = U64(elf, 0x28);
            int shentsize = U16(elf, 0x3A);
            int shnum = U16(elf, 0x3C);
            if (shentsize < 64 || shoff + (ulong)(shentsize * shnum) > (ulong)elf.Length)
                throw new InvalidDataException(source + " has a section header table outside the file.");

            int verneed = -1, versym = -1, dynsym = -1;
            for (int i = 0; i < shnum; i++)
            {
                uint type = U32(elf, (int)shoff + i * shentsize + 4);
                if (type == ShtGnuVerneed) verneed = i;
                else if (type == ShtGnuVersym) versym = i;
                else if (type == ShtDynsym) dynsym = i;
            }
            detail = "no " + NeededVersion + " need";
            if (verneed < 0) return LoadFixOutcome.NotNeeded;

            // .gnu.version_r: a chain of Elf64_Verneed {vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32,
            // vn_next u32}, each with vn_cnt Elf64_Vernaux {vna_hash u32, vna_flags u16, vna_other u16,
            // vna_name u32, vna_next u32}; names are offsets into the string table its sh_link names.
            int section = (int)shoff + verneed * shentsize;
            int strtab = (int)U64(elf, (int)shoff + (int)U32(elf, section + 0x28) * shentsize + 0x18);
            int entry = (int)U64(elf, section + 0x18);
            uint needs = U32(elf, section + 0x2C);
            for (uint n = 0; n < needs; n++)
            {
                string file = Name(elf, strtab + (int)U32(elf, entry + 4));
                int aux = entry + (int)U32(elf, entry + 8);
                int count = U16(elf, entry + 2);
                for (int a = 0; a < count; a++)
                {
                    if (file == NeededFile && Name(elf, strtab + (int)U32(elf, aux + 8)) == NeededVersion)
                    {
                        ushort flags = (ushort)U16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0)
                        {
                            detail = NeededVersion + " is already weak";
                            return LoadFixOutcome.AlreadyWeak;
                        }
                        List<string> users = Users(elf, (int)shoff, shentsize, versym, dynsym, U16(elf, aux + 6));
                        users.Remove(MarkerSymbol);
                        if (users.Count > 0)
                        {
                            detail = "symbols besides " + MarkerSymbol + " need " + NeededVersion + ": " + string.Join(", ", users.ToArray())
                                + ". This libLibTorchSharp.so needs a newer libstdc++ (GCC 13 or later) than this system has.";
                            return LoadFixOutcome.Refused;
                        }
                        elf[aux + 4] = (byte)(flags | VerFlgWeak);
                        elf[aux + 5] = (byte)((flags | VerFlgWeak) >> 8);
                        detail = NeededVersion + " of " + NeededFile + " marked weak (only " + MarkerSymbol + " needs it)";
                        return LoadFixOutcome.Patched;
                    }
                    aux += (int)U32(elf, aux + 12);
                }
                entry += (int)U32(elf, entry + 12);
            }
            return LoadFixOutcome.NotNeeded;
        }

        // The dynamic symbols whose .gnu.version entry (u16 per symbol, bit 15 = hidden) is versionIndex.
        private static List<string> Users(byte[] elf, int shoff, int shentsize, int versym, int dynsym, int versionIndex)
        {
            var users = new List<string>();
            if (versym < 0 || dynsym < 0) return users;
            int symSection = shoff + dynsym * shentsize;
            int symOffset = (int)U64(elf, symSection + 0x18);
            int symCount = (int)(U64(elf, symSection + 0x20) / 24);   // Elf64_Sym is 24 bytes; st_name at 0
            int symStrtab = (int)U64(elf, shoff + (int)U32(elf, symSection + 0x28) * shentsize + 0x18);
            int verOffset = (int)U64(elf, shoff + versym * shentsize + 0x18);
            for (int i = 0; i < symCount; i++)
            {
                if ((U16(elf, verOffset + 2 * i) & 0x7fff) == versionIndex)
                    users.Add(Name(elf, symStrtab + (int)U32(elf, symOffset + 24 * i)));
            }
            return users;
        }

        private static string Name(byte[] elf, int offset)
        {
            int end = Array.IndexOf(elf, (byte)0, offset);
            if (end < 0) throw new InvalidDataException("an ELF string runs past the end of the file");
            return Encoding.ASCII.GetString(elf, offset, end - offset);
        }

        private static int U16(byte[] b, int o) { return b[o] | b[o + 1] << 8; }

        private static uint U32(byte[] b, int o) { return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24); }

        private static ulong U64(byte[] b, int o) { return U32(b, o) | (ulong)U32(b, o + 4) << 32; }

        private static void CopyMode(string from, string to)
        {
#if NET7_0_OR_GREATER
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from));
#else
            // netstandard (the MSBuild task): the loader needs only read permission, which the new file has.
#endif
        }
    }

#if !GENCOURSE_LIBRARY
    /// <summary>The MSBuild task: patches every libLibTorchSharp.so under the output folder.</summary>
    public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        /// <summary>The folder to search (the build's or publish's output).</summary>
        [Microsoft.Build.Framework.Required]
        public string Directory { get; set; }

        /// <inheritdoc/>
        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory)) return true;
            foreach (string file in System.IO.Directory.GetFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                string detail;
                LoadFixOutcome outcome = LibTorchSharpLoadFix.PatchFile(file, out detail);
                if (outcome == LoadFixOutcome.Refused)
                    Log.LogWarning("GenCourse: " + file + ": " + detail);
                else
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "GenCourse: " + file + ": " + detail);
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
