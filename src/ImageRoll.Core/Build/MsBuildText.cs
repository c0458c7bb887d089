using System.Security;
using System.Text;

namespace ImageRoll.Build;

/// <summary>Escaping for values ImageRoll writes into MSBuild: command-line properties and generated project XML.</summary>
internal static class MsBuildText
{
    /// <summary>MSBuild's %XX escaping of its special characters (EscapingUtilities: % * ? @ $ ( ) ; ').</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '%' or '*' or '?' or '@' or '$' or '(' or ')' or ';' or '\'')
            {
                sb.Append('%').Append(((int)ch).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>An MSBuild-escaped value safe inside an XML attribute.</summary>
    public static string Attribute(string value) => SecurityElement.Escape(Escape(value));
}
