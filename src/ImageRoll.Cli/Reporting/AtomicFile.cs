using System.Text;

namespace ImageRoll.Cli.Reporting;

/// <summary>Report files are written to a temporary file beside the target and renamed over it: never half-written, even on a signal.</summary>
public static class AtomicFile
{
    public static void Write(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
