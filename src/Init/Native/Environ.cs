using System.Runtime.InteropServices;

namespace ContainerInit.Native;

/// <summary>The process's own C environment block, passed unchanged to a child.</summary>
internal static unsafe class Environ
{
    private static byte** _environ;

    /// <summary>glibc's <c>environ</c>: the block the init was started with.</summary>
    internal static byte** Pointer
    {
        get
        {
            if (_environ is null)
            {
                var libc = NativeLibrary.Load("libc.so.6");
                _environ = *(byte***)NativeLibrary.GetExport(libc, "environ");
            }
            return _environ;
        }
    }
}
