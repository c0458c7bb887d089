namespace ImageRoll.Build;

/// <summary>
/// <c>--build-arg K=V</c> and <c>--label K=V</c> as docker build takes them: split at the first '='; a bare
/// <c>K</c> build arg takes its value from the environment (and is dropped when unset), a bare label is empty.
/// </summary>
public static class KeyValueArguments
{
    public static Dictionary<string, string> Parse(IEnumerable<string>? items, string option, Func<string, string?>? environment)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? item : item[..eq];
            if (key.Trim().Length == 0 || key != key.Trim())
            {
                throw new ImageRollException(BuildErrors.BadKeyValue, FailureKind.BadInput,
                    $"{option} '{item}' is malformed: the name before '=' is empty or padded with spaces.",
                    $"Write {option} NAME=VALUE.");
            }

            if (eq >= 0)
            {
                result[key] = item[(eq + 1)..];
            }
            else if (environment is null)
            {
                result[key] = string.Empty;
            }
            else if (environment(key) is { } fromEnv)
            {
                result[key] = fromEnv;
            }
        }

        return result;
    }
}
