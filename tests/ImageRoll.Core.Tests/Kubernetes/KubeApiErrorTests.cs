using System.Net;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Core.Tests.Kubernetes;

public class KubeApiErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Conflict_carries_the_servers_words_and_status()
    {
        const string message = "Operation cannot be fulfilled on deployments.apps \"x\": the object has been modified; please apply your changes to the latest version and try again";
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.Conflict,
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message.Replace("\"", "\\\"")}}","reason":"Conflict","details":{"name":"x","group":"apps","kind":"deployments"},"code":409}""");
        using var client = KubeTestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ReplaceAsync(ResourceKind.Deployments, "prod", new KubeObject { Metadata = new ObjectMeta { Name = "x", ResourceVersion = "1" } }, null, Ct));

        Assert.Equal("IR3102", ex.Code);
        Assert.Equal(3, ex.ExitCode);
        Assert.Equal(message, ex.Message);
        Assert.True(ex.IsConflict);
        Assert.False(ex.IsAlreadyExists);
        Assert.Equal("x", ex.Status?.Details?.Name);
        Assert.Equal("apps", ex.Status?.Details?.Group);
        Assert.Contains("read it again", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Already_exists_is_its_own_code()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.Conflict,
            """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"deployments.apps \"x\" already exists","reason":"AlreadyExists","details":{"name":"x","group":"apps","kind":"deployments"},"code":409}""");
        using var client = KubeTestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.CreateAsync(ResourceKind.Deployments, "prod", new KubeObject { Metadata = new ObjectMeta { Name = "x" } }, null, Ct));

        Assert.Equal("IR3103", ex.Code);
        Assert.True(ex.IsAlreadyExists);
        Assert.Equal("deployments.apps \"x\" already exists", ex.Message);
    }

    [Fact]
    public async Task Forbidden_names_the_rbac_rule_to_ask_for()
    {
        const string message = "deployments.apps \"x\" is forbidden: User \"system:serviceaccount:ci:builder\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"prod\"";
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.Forbidden,
            $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message.Replace("\"", "\\\"")}}","reason":"Forbidden","details":{"name":"x","group":"apps","kind":"deployments"},"code":403}""");
        using var client = KubeTestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.PatchAsync<KubeObject>(ResourceKind.Deployments, "prod", "x", PatchType.StrategicMerge, "{}", null, Ct));

        Assert.Equal("IR3104", ex.Code);
        Assert.Equal(message, ex.Message);
        Assert.Contains("needs verb patch on deployments.apps in namespace prod", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("oc adm policy add-role-to-user edit system:serviceaccount:ci:builder -n prod", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_core_group_read_asks_for_view()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.Forbidden,
            """{"kind":"Status","status":"Failure","message":"pods is forbidden: User \"dev\" cannot list resource \"pods\" in API group \"\" in the namespace \"prod\"","reason":"Forbidden","code":403}""");
        using var client = KubeTestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync<KubeObject>(ResourceKind.Pods, "prod", null, Ct));

        Assert.Contains("needs verb list on pods in namespace prod", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("add-role-to-user view dev -n prod", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_hints_at_logging_in_and_never_prints_the_token()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.Unauthorized,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
        using var client = KubeTestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync<KubeObject>(ResourceKind.Deployments, "prod", "x", Ct));

        Assert.Equal("IR3105", ex.Code);
        Assert.Equal(3, ex.ExitCode);
        Assert.Contains("https://api.test:6443/", ex.Message, StringComparison.Ordinal);
        Assert.Contains("test-ctx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("oc login", ex.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Unauthorized_retries_once_with_refreshed_credentials()
    {
        var credentials = new CountingCredentials();
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.Unauthorized, """{"kind":"Status","reason":"Unauthorized","code":401,"message":"Unauthorized"}""")
            .Respond(HttpStatusCode.OK, """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}""");
        using var client = KubeTestClients.Create(handler, credentials);

        var pod = await client.GetAsync<KubeObject>(ResourceKind.Pods, "prod", "p", Ct);

        Assert.Equal("p", pod.Metadata.Name);
        Assert.Equal(["Bearer t1", "Bearer t2"], handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Not_found_is_null_from_try_get_and_IR3101_from_get()
    {
        const string body = """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"deployments.apps \"x\" not found","reason":"NotFound","details":{"name":"x","group":"apps","kind":"deployments"},"code":404}""";
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.NotFound, body).Respond(HttpStatusCode.NotFound, body);
        using var client = KubeTestClients.Create(handler);

        Assert.Null(await client.TryGetAsync<KubeObject>(ResourceKind.Deployments, "prod", "x", Ct));
        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync<KubeObject>(ResourceKind.Deployments, "prod", "x", Ct));
        Assert.Equal("IR3101", ex.Code);
        Assert.Equal("deployments.apps \"x\" not found", ex.Message);
        Assert.Contains("'prod'", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_requests_waits_retry_after_then_succeeds()
    {
        var delays = new List<TimeSpan>();
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.TooManyRequests, """{"kind":"Status","reason":"TooManyRequests","code":429,"message":"too many requests"}""", configure: r => r.Headers.Add("Retry-After", "3"))
            .Respond(HttpStatusCode.TooManyRequests, """{"kind":"Status","reason":"TooManyRequests","code":429,"message":"too many requests","details":{"retryAfterSeconds":2}}""")
            .Respond(HttpStatusCode.OK, """{"kind":"Pod","metadata":{"name":"p"}}""");
        using var client = KubeTestClients.Create(handler, delays: delays);

        var pod = await client.GetAsync<KubeObject>(ResourceKind.Pods, "prod", "p", Ct);

        Assert.Equal("p", pod.Metadata.Name);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)], delays);
    }

    [Fact]
    public async Task Too_many_requests_gives_up_after_bounded_retries()
    {
        var handler = new FakeKubeHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.Respond(HttpStatusCode.TooManyRequests, """{"kind":"Status","reason":"TooManyRequests","code":429,"message":"too many requests"}""", configure: r => r.Headers.Add("Retry-After", "1"));
        }

        using var client = new KubeApiClient(KubeTestClients.Config(), handler) { MaxThrottleRetries = 2, Delay = (_, _) => Task.CompletedTask };

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync<KubeObject>(ResourceKind.Pods, "prod", "p", Ct));

        Assert.Equal("IR3106", ex.Code);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task A_non_status_server_error_becomes_one_line_with_the_server_and_verb()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.BadGateway, "<html>\n<body>Bad gateway</body>\n</html>", "text/html");
        using var client = KubeTestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync<KubeObject>(ResourceKind.Pods, "prod", "p", Ct));

        Assert.Equal("IR3108", ex.Code);
        Assert.Null(ex.Status);
        Assert.Contains("https://api.test:6443/ answered 502", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Unreachable_server_names_the_url_and_context()
    {
        var config = KubeTestClients.Config() with { Server = new Uri("https://127.0.0.1:1/") };
        using var client = new KubeApiClient(config);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.GetAsync<KubeObject>(ResourceKind.Pods, "prod", "p", Ct));

        Assert.Equal("IR3100", ex.Code);
        Assert.Equal(3, ex.ExitCode);
        Assert.Contains("https://127.0.0.1:1/", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'test-ctx'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cluster-info", ex.Hint, StringComparison.Ordinal);
    }

    private sealed class CountingCredentials : IKubeCredentials
    {
        private int _n = 1;

        public string Description => "counting";

        public ValueTask<KubeAuth> GetAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new KubeAuth(new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"t{_n}"), null));

        public bool Invalidate()
        {
            _n++;
            return true;
        }
    }
}
