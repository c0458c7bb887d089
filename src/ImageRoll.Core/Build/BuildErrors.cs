namespace ImageRoll.Build;

/// <summary>The IR12xx codes of the image builders.</summary>
public static class BuildErrors
{
    /// <summary>The options do not name one backend's inputs (exit 2).</summary>
    public const string BadOptions = "IR1200";

    /// <summary>The project for the sdk backend does not exist or a folder holds none or several (exit 2).</summary>
    public const string ProjectNotFound = "IR1201";

    /// <summary><c>dotnet publish -t:PublishContainer</c> failed (exit 3).</summary>
    public const string PublishFailed = "IR1202";

    /// <summary>The SDK finished without reporting GeneratedContainerDigest (exit 3).</summary>
    public const string NoDigest = "IR1203";

    /// <summary>The registry does not serve the digest the build reported (exit 3).</summary>
    public const string DigestNotServed = "IR1204";

    /// <summary>A <c>K=V</c> option is malformed (exit 2).</summary>
    public const string BadKeyValue = "IR1205";

    /// <summary>The existing image's tag is not in the registry (exit 3).</summary>
    public const string ImageNotFound = "IR1206";

    /// <summary>The <c>dotnet</c> host cannot be started (exit 3).</summary>
    public const string DotnetNotFound = "IR1207";
}
