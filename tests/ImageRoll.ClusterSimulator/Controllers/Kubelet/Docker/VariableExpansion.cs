using System.Text;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The kubelet's <c>$(VAR_NAME)</c> expansion of env values, command and args (kubernetes
/// third_party/forked/golang/expansion/expand.go <c>Expand</c>): a defined name is replaced, an undefined one is
/// left as written, <c>$$</c> is an escaped <c>$</c>, any other <c>$</c> stays as it is.
/// </summary>
public static class VariableExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is var close && close > i + 2)
            {
                var name = input[(i + 2)..close];
                output.Append(lookup(name) ?? $"$({name})");
                i = close;
            }
            else
            {
                output.Append('$');
            }
        }

        return output.ToString();
    }
}
