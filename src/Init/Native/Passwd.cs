using System.Runtime.InteropServices;

namespace ContainerInit.Native;

/// <summary>User database look-ups (getpwnam_r, getpwuid_r): NSS-aware, so they see what `id` sees.</summary>
public static unsafe partial class Passwd
{
    private const int ERANGE = 34;

    // struct passwd on Linux (glibc, LP64): name, passwd, uid, gid, gecos, dir, shell.
    [StructLayout(LayoutKind.Sequential)]
    private struct PasswdEntry
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
        public byte* Gecos;
        public byte* Dir;
        public byte* Shell;
    }

    /// <summary>0 on success (result is null when there is no such user), else an errno value.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetPwNam(string name, PasswdEntry* pwd, byte* buf, nuint buflen, PasswdEntry** result);

    /// <summary>0 on success (result is null when there is no such user), else an errno value.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "getpwuid_r")]
    private static partial int GetPwUid(uint uid, PasswdEntry* pwd, byte* buf, nuint buflen, PasswdEntry** result);

    /// <summary>Finds a user by name; false when there is none (or the database cannot be read).</summary>
    public static bool TryLookup(string name, out uint uid, out uint gid, out string home)
    {
        if (name.Length == 0 || name.Contains('\0'))
        {
            uid = gid = 0;
            home = "";
            return false;
        }
        return Lookup((PasswdEntry* pwd, byte* buf, nuint len, PasswdEntry** res) => GetPwNam(name, pwd, buf, len, res),
            out uid, out gid, out home, out _);
    }

    /// <summary>Finds a user by uid; false when the uid has no entry (it can still be used numerically).</summary>
    public static bool TryLookup(uint uid, out string name, out uint gid, out string home)
    {
        var found = Lookup((PasswdEntry* pwd, byte* buf, nuint len, PasswdEntry** res) => GetPwUid(uid, pwd, buf, len, res),
            out _, out gid, out home, out name);
        return found;
    }

    private delegate int LookupCall(PasswdEntry* pwd, byte* buf, nuint len, PasswdEntry** result);

    private static bool Lookup(LookupCall call, out uint uid, out uint gid, out string home, out string name)
    {
        uid = gid = 0;
        home = name = "";
        // The entry's strings live in buf; ERANGE means it was too small, so grow it and retry.
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            fixed (byte* buf = buffer)
            {
                PasswdEntry entry;
                PasswdEntry* result = null;
                var rc = call(&entry, buf, (nuint)size, &result);
                if (rc == ERANGE)
                    continue;
                if (rc != 0 || result == null)
                    return false;
                uid = entry.Uid;
                gid = entry.Gid;
                home = Marshal.PtrToStringUTF8((nint)entry.Dir) ?? "";
                name = Marshal.PtrToStringUTF8((nint)entry.Name) ?? "";
                return true;
            }
        }
        return false;
    }
}
