namespace ImageRoll.Cli.Ci;

/// <summary>
/// Tells GitHub Actions about every secret value the process handles (<c>::add-mask::</c>), the moment it is first
/// seen and before anything could print it: the registry password from the environment at start, credential-store
/// answers and kube tokens as the credential sources hand them out (<see cref="MaskingCredentialProvider"/>,
/// <see cref="MaskingKubeCredentials"/>). Elsewhere it does nothing.
/// </summary>
public sealed class SecretMasker
{
    private readonly TextWriter _error;
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public SecretMasker(TextWriter error, bool enabled)
    {
        _error = error ?? throw new ArgumentNullException(nameof(error));
        Enabled = enabled;
    }

    public bool Enabled { get; }

    public void Seen(string? secret)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        lock (_gate)
        {
            if (!_masked.Add(secret))
            {
                return;
            }

            foreach (var line in WorkflowCommands.AddMask(secret))
            {
                _error.WriteLine(line);
            }

            _error.Flush();
        }
    }
}
