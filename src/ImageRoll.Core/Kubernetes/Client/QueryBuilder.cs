using System.Text;

namespace ImageRoll.Kubernetes;

/// <summary>Builds <c>?a=1&amp;b=2</c>, skipping null values and escaping the rest.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _sb = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is not null)
        {
            _sb.Append(_sb.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public override string ToString() => _sb.ToString();
}
