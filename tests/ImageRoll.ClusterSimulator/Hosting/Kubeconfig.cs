using System.Text;

namespace ImageRoll.ClusterSimulator.Hosting;

/// <summary>Writes kubeconfig files for the simulated cluster.</summary>
public static class Kubeconfig
{
    /// <summary>The kubeconfig YAML: one cluster, user and context named "simulator", namespace as given.</summary>
    public static string Render(string server, string? caPem, string? token, string ns = "default")
    {
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\nclusters:\n- name: simulator\n  cluster:\n");
        sb.Append("    server: ").Append(server).Append('\n');
        if (caPem is not null)
        {
            sb.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))).Append('\n');
        }

        sb.Append("contexts:\n- name: simulator\n  context:\n    cluster: simulator\n    user: simulator\n");
        sb.Append("    namespace: ").Append(ns).Append('\n');
        sb.Append("current-context: simulator\nusers:\n- name: simulator\n  user:");
        sb.Append(token is null ? " {}\n" : "\n    token: " + token + "\n");
        sb.Append("preferences: {}\n");
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="content"/> atomically: a temporary file in the same directory, then a rename.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, full, overwrite: true);
    }
}
