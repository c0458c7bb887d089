using System.Text.RegularExpressions;

namespace ImageRoll.Tasks.Binding;

/// <summary>
/// Finds the line of <c>&lt;Name&gt;</c> in the project file (the last one wins in MSBuild, so the last one is
/// reported); a property from the command line (a global property) points at the project without a line.
/// MSBuild gives tasks no source location for property values, so this reads the text itself.
/// </summary>
public sealed class ProjectFilePropertyLocator : IPropertyLocator
{
    private readonly string _projectFile;
    private readonly IReadOnlySet<string> _globals;
    private readonly Lazy<string[]> _lines;

    public ProjectFilePropertyLocator(string projectFile, IEnumerable<string> globalPropertyNames)
    {
        _projectFile = projectFile;
        _globals = new HashSet<string>(globalPropertyNames, StringComparer.OrdinalIgnoreCase);
        _lines = new Lazy<string[]>(ReadLines);
    }

    public bool IsGlobal(string property) => _globals.Contains(property);

    public SourceLocation Find(string property)
    {
        if (IsGlobal(property))
        {
            return new SourceLocation(_projectFile);
        }

        var pattern = new Regex($"<{Regex.Escape(property)}[\\s>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var lines = _lines.Value;
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (pattern.IsMatch(lines[i]))
            {
                return new SourceLocation(_projectFile, i + 1);
            }
        }

        return new SourceLocation(_projectFile);
    }

    private string[] ReadLines()
    {
        try
        {
            return File.ReadAllLines(_projectFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
