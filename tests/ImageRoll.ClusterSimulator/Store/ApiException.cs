using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// A failure the API server answers with a <c>Status</c> object (k8s.io/apimachinery pkg/api/errors).
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public ApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public ApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    /// <summary>The Status object the server sends.</summary>
    public JsonObject ToStatus() => Status.Failure(Code, Reason, Message, Details?.DeepClone().AsObject());

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", Status.DetailsFor(type, name));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", Status.DetailsFor(ResourceTypes.Namespaces, ns));

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Status.DetailsFor(type, name));

    // apimachinery errors.NewConflict + registry/generic/registry/store.go's OptimisticLockErrorMsg.
    public static ApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Status.DetailsFor(type, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Invalid(ResourceType type, string name, string field, string detail)
    {
        var details = Status.DetailsFor(type, name, kindInsteadOfResource: true);
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueRequired", ["message"] = detail, ["field"] = field });
        return new(422, "Invalid", $"{type.GroupKind} \"{name}\" is invalid: {field}: {detail}", details);
    }

    public static ApiException MethodNotSupported(ResourceType type, string action) =>
        new(405, "MethodNotAllowed", $"{action} is not supported on resources of kind \"{type.GroupResource}\"",
            new JsonObject { ["group"] = type.Group, ["kind"] = type.Plural });

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");
}
