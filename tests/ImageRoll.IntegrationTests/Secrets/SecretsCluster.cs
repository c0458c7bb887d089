using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>How a run's kubeconfig authenticates to the simulated cluster.</summary>
public enum KubeLogin
{
    /// <summary><c>token:</c> in the kubeconfig (the cluster's admin token).</summary>
    Token,

    /// <summary><c>client-certificate-data</c>/<c>client-key-data</c> signed by the cluster CA (CN=sentinel-admin, O=system:masters).</summary>
    ClientCertificate,

    /// <summary>An exec credential plugin printing an ExecCredential with a service account's token.</summary>
    ExecPlugin,

    /// <summary><c>tokenFile:</c> naming a file that holds a service account's token.</summary>
    TokenFile,

    /// <summary><c>token:</c> a sentinel the cluster does not know (401).</summary>
    UnknownToken,
}

/// <summary>How a run logs in to its registry.</summary>
public enum RegistryLogin
{
    /// <summary>IMAGEROLL_REGISTRY_USERNAME/PASSWORD for the htpasswd registry.</summary>
    Environment,

    /// <summary>IMAGEROLL_REGISTRY_USERNAME and a wrong sentinel IMAGEROLL_REGISTRY_PASSWORD (401).</summary>
    WrongPassword,

    /// <summary>A Docker config.json <c>auths</c> entry (base64 user:password) for the token registry (bearer tokens from the token service).</summary>
    DockerConfigAuth,

    /// <summary>A Docker config.json <c>credHelpers</c> entry: a credential helper answering the identity token (refresh-token flow).</summary>
    CredentialHelper,
}

/// <summary>
/// One simulated OpenShift cluster (HTTPS, the image trigger controller off so releases patch) and the two sentinel
/// registries for a whole test class, with every login the suite uses: kubeconfigs for each <see cref="KubeLogin"/>,
/// Docker configs for each <see cref="RegistryLogin"/>, an exec plugin and a credential helper (shell scripts that
/// record their own command line and environment from /proc/self before answering), and pull secrets in the
/// namespace so the cluster's image import can read the sentinel registries. The inputs live in
/// <see cref="InputDirectory"/>, which no leak check reads; what a run writes goes to a folder of its own.
/// </summary>
public sealed class SecretsCluster : IAsyncLifetime
{
    public const string CredentialHelperName = "irsentinel";

    private readonly Dictionary<KubeLogin, string> _kubeconfigs = [];

    public SentinelRegistries Registries { get; } = new();

    public SimulatedCluster Cluster { get; private set; } = null!;

    public string InputDirectory { get; private set; } = string.Empty;

    /// <summary>Where the exec plugin and the credential helper record what /proc showed of them: PID.cmdline, PID.environ.</summary>
    public string ChildRecords => Path.Combine(InputDirectory, "child-records");

    public string BinDirectory => Path.Combine(InputDirectory, "bin");

    public Sentinel KubeToken { get; private set; } = null!;

    public Sentinel ClientKey { get; private set; } = null!;

    public Sentinel ExecToken { get; private set; } = null!;

    public Sentinel FileToken { get; private set; } = null!;

    public Sentinel UnknownKubeToken { get; } = Sentinel.New("unknown-kube-token", headerSafe: true);

    public Sentinel WrongPassword { get; } = Sentinel.New("wrong-registry-password");

    /// <summary>Every secret of the class, the bearer tokens the token service issued so far included.</summary>
    public IEnumerable<Sentinel> Secrets => [.. Registries.Secrets, KubeToken, ClientKey, ExecToken, FileToken, UnknownKubeToken, WrongPassword];

    public string Kubeconfig(KubeLogin login) => _kubeconfigs[login];

    public string DockerConfig(RegistryLogin login) => Path.Combine(InputDirectory, "docker-" + login);

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the secrets suite reads /proc (Linux)");
        await Registries.InitializeAsync();
        InputDirectory = Directory.CreateTempSubdirectory("imageroll-secrets-inputs-").FullName;
        Directory.CreateDirectory(ChildRecords);
        Directory.CreateDirectory(BinDirectory);
        Cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { DisabledControllers = ["image-trigger"] });

        KubeToken = Sentinel.Of("kube-token", Cluster.AdminToken);
        var (certificate, key) = Cluster.IssueClientCertificate("sentinel-admin", "system:masters");
        ClientKey = Sentinel.Of("client-key", key);
        GrantClusterAdmin("sentinel-exec");
        GrantClusterAdmin("sentinel-file");
        ExecToken = Sentinel.Of("exec-plugin-token", Cluster.CreateServiceAccountToken("default", "sentinel-exec"));
        FileToken = Sentinel.Of("token-file-token", Cluster.CreateServiceAccountToken("default", "sentinel-file"));

        var tokenFile = Path.Combine(InputDirectory, "token-file");
        await File.WriteAllTextAsync(tokenFile, FileToken.Value + "\n");
        var execToken = Path.Combine(InputDirectory, "exec-token");
        await File.WriteAllTextAsync(execToken, ExecToken.Value);
        var plugin = Script("kube-sentinel-plugin", $$$"""
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat '{{{execToken}}}')"
            """);
        var helperSecret = Path.Combine(InputDirectory, "helper-secret");
        await File.WriteAllTextAsync(helperSecret, Registries.IdentityToken.Value);
        Script("docker-credential-" + CredentialHelperName, $$$"""
            read -r server
            printf '{"ServerURL":"%s","Username":"<token>","Secret":"%s"}' "$server" "$(cat '{{{helperSecret}}}')"
            """);

        var user = new Dictionary<KubeLogin, string>
        {
            [KubeLogin.Token] = $"    token: {KubeToken.Value}\n",
            [KubeLogin.ClientCertificate] = $"    client-certificate-data: {Base64(certificate)}\n    client-key-data: {Base64(key)}\n",
            [KubeLogin.ExecPlugin] = $"    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {plugin}\n      args: [\"--cluster\", \"simulator\"]\n      interactiveMode: Never\n",
            [KubeLogin.TokenFile] = $"    tokenFile: {tokenFile}\n",
            [KubeLogin.UnknownToken] = $"    token: {UnknownKubeToken.Value}\n",
        };
        foreach (var (login, fields) in user)
        {
            var path = Path.Combine(InputDirectory, $"kubeconfig-{login}");
            await File.WriteAllTextAsync(path, $"""
                apiVersion: v1
                kind: Config
                clusters:
                - name: simulator
                  cluster:
                    server: {Cluster.BaseUrl}
                    certificate-authority-data: {Base64(Cluster.CaPem!)}
                contexts:
                - name: simulator
                  context:
                    cluster: simulator
                    user: sentinel
                    namespace: default
                current-context: simulator
                users:
                - name: sentinel
                  user:

                """ + fields);
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            _kubeconfigs[login] = path;
        }

        var basicAuth = Base64($"{Registries.User}:{Registries.Password.Value}");
        WriteDockerConfig(RegistryLogin.DockerConfigAuth, new JsonObject { ["auths"] = new JsonObject { [Registries.Token] = new JsonObject { ["auth"] = basicAuth } } });
        WriteDockerConfig(RegistryLogin.CredentialHelper, new JsonObject { ["credHelpers"] = new JsonObject { [Registries.Token] = CredentialHelperName } });
        WriteDockerConfig(RegistryLogin.Environment, new JsonObject());
        WriteDockerConfig(RegistryLogin.WrongPassword, new JsonObject());

        // `oc create secret docker-registry`: the cluster's image import reads both registries with it.
        var pull = new JsonObject
        {
            ["auths"] = new JsonObject
            {
                [Registries.Basic] = new JsonObject { ["auth"] = basicAuth },
                [Registries.Token] = new JsonObject { ["auth"] = basicAuth },
            },
        };
        Cluster.Store.Create(ResourceTypes.Secrets, "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "sentinel-pull" },
            ["type"] = "kubernetes.io/dockerconfigjson",
            ["data"] = new JsonObject { [".dockerconfigjson"] = Base64(pull.ToJsonString()) },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        await Registries.DisposeAsync();
        if (InputDirectory.Length > 0)
        {
            Directory.Delete(InputDirectory, recursive: true);
        }
    }

    /// <summary>A Deployment <c>NAME</c> whose trigger follows <c>NAME:latest</c> and the ImageStream <c>NAME</c>.</summary>
    public void AddWorkload(string name, bool failsReadiness)
    {
        Cluster.Store.Create(ResourceTypes.ImageStreams, "default", new JsonObject
        {
            ["apiVersion"] = "image.openshift.io/v1",
            ["kind"] = "ImageStream",
            ["metadata"] = new JsonObject { ["name"] = name },
        });
        var trigger = $$"""[{"from":{"kind":"ImageStreamTag","name":"{{name}}:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].image","paused":false}]""";
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { ["app"] = name },
                ["annotations"] = new JsonObject { ["image.openshift.io/triggers"] = trigger },
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject
                    {
                        ["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "sentinel-pull" }),
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = " " }),
                    },
                },
            },
        };
        if (failsReadiness)
        {
            deployment["spec"]!["template"]!["metadata"]!["annotations"] = new JsonObject { ["simulator.imageroll.dev/readiness"] = "fail" };
        }

        Cluster.Store.Create(ResourceTypes.Deployments, "default", deployment);
    }

    public string? ImageOf(string name) =>
        (string?)Cluster.Store.GetRequired(ResourceTypes.Deployments, "default", name)["spec"]!["template"]!["spec"]!["containers"]![0]!["image"];

    /// <summary>The command lines and environments the exec plugin and credential helper recorded, by file name.</summary>
    public IReadOnlyDictionary<string, string> ChildRecordsSeen() =>
        Directory.GetFiles(ChildRecords).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).Replace('\0', '\n'), StringComparer.Ordinal);

    private void GrantClusterAdmin(string serviceAccount)
    {
        if (Cluster.Store.Get(ResourceTypes.ClusterRoles, null, "sentinel-admin") is null)
        {
            Cluster.Store.Create(ResourceTypes.ClusterRoles, null, JsonNode.Parse("""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"sentinel-admin"},
                 "rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}
                """)!.AsObject());
        }

        Cluster.Store.Create(ResourceTypes.ClusterRoleBindings, null, JsonNode.Parse($$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"{{serviceAccount}}"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"sentinel-admin"},
             "subjects":[{"kind":"ServiceAccount","name":"{{serviceAccount}}","namespace":"default"}]}
            """)!.AsObject());
    }

    /// <summary>An executable shell script in <see cref="BinDirectory"/> that first records its /proc/self cmdline and environ.</summary>
    private string Script(string name, string body)
    {
        var path = Path.Combine(BinDirectory, name);
        File.WriteAllText(path, $"""
            #!/bin/sh
            cat /proc/$$/cmdline > '{ChildRecords}/{name}-'$$.cmdline
            cat /proc/$$/environ > '{ChildRecords}/{name}-'$$.environ
            {body}

            """);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private void WriteDockerConfig(RegistryLogin login, JsonObject config)
    {
        var dir = Directory.CreateDirectory(DockerConfig(login)).FullName;
        File.WriteAllText(Path.Combine(dir, "config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
