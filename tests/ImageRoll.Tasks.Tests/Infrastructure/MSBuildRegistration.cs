using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace ImageRoll.Tasks.Tests.Infrastructure;

/// <summary>
/// Registers the .NET SDK's MSBuild (the one `dotnet build` runs) before any Microsoft.Build type is loaded, so the
/// target tests evaluate and build with the real SDK targets, PublishContainer included.
/// </summary>
internal static class MSBuildRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
