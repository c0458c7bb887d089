namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>Which request set the spec tag (oc tag's fallbacks), or that none was needed.</summary>
public enum TagMethod
{
    /// <summary>PUT <c>imagestreamtags/STREAM:TAG</c>.</summary>
    ImageStreamTagUpdate,

    /// <summary>POST <c>imagestreamtags</c> (after 405/403/404 on the PUT).</summary>
    ImageStreamTagCreate,

    /// <summary>GET then PUT (or POST) of the ImageStream (after 405/403 on the POST).</summary>
    ImageStreamUpdate,

    /// <summary>POST <c>imagestreamimports</c>.</summary>
    ImageStreamImport,

    /// <summary>The image was pushed to the integrated registry, which updated the stream itself.</summary>
    IntegratedRegistry,
}
