namespace ImageRoll.Tasks.Binding;

/// <summary>
/// One error as MSBuild reports it: the IR code (MSBuild's Code field), the message naming the property and value,
/// the fix, and where the bad value was written (the project file and line, or the file that defined the item).
/// </summary>
public sealed record TaskError(string Code, string Message, string? Hint, SourceLocation? Location = null)
{
    public static TaskError From(ImageRollException exception, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new TaskError(exception.Code, exception.Message, exception.Hint, location);
    }
}
