namespace ImageRoll.Tasks.Binding;

/// <summary>Where a property's value was written, so an IR5xxx error can point there.</summary>
public interface IPropertyLocator
{
    /// <summary>The file and line that set <paramref name="property"/>, or the project file when that cannot be told.</summary>
    SourceLocation Find(string property);

    /// <summary>True when the property came from the command line (<c>-p:Name=Value</c>): a global property.</summary>
    bool IsGlobal(string property);
}
