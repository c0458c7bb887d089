namespace ImageRoll.OpenShift.IntegratedRegistry;

/// <summary>The IR codes of the integrated registry and of promotion (docs/openshift-native.md lists them).</summary>
public static class IntegratedRegistryCodes
{
    /// <summary>The cluster names no integrated registry (no Image config host, no stream repository, no default route): exit 2.</summary>
    public const string NotFound = "IR3601";

    /// <summary>The integrated registry is only reachable inside the cluster (no external host name) and this is outside: exit 2.</summary>
    public const string NoExternalHostname = "IR3602";

    /// <summary>The kubeconfig's credentials are not a bearer token, which the integrated registry takes as the password: exit 2.</summary>
    public const string NotATokenUser = "IR3603";

    /// <summary>The promotion's source tag holds no image (oc tag: "is not currently pointing to an image"): exit 2.</summary>
    public const string PromotionSourceEmpty = "IR3610";

    /// <summary>The promotion's source tag refers to an image without an image ID (a reference tag): no digest to promote, exit 2.</summary>
    public const string PromotionSourceNoImageId = "IR3611";

    /// <summary>The promotion's source and destination are the same stream tag of the same cluster: exit 2.</summary>
    public const string PromotionOntoItself = "IR3612";
}
