namespace ImageRoll.Tasks;

/// <summary>
/// Checks every <c>ImageRoll*</c> property before anything is built or pushed (the targets run it before Build when
/// publishing): each bad or contradictory value is one IR5xxx error naming the property and the fix. No network.
/// </summary>
public sealed class ImageRollCheckProperties : ReleaseTaskBase
{
    protected override Task ExecuteAsync(CancellationToken cancellationToken)
    {
        BindProperties(imagePublished: false);
        return Task.CompletedTask;
    }
}
