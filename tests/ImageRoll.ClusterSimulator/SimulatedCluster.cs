using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Hosting;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.OpenShift;
using ImageRoll.ClusterSimulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageRoll.ClusterSimulator;

/// <summary>
/// A simulated OpenShift API server on 127.0.0.1, in-process: <c>await using var cluster = await
/// SimulatedCluster.StartAsync(new SimulatorOptions(), ct);</c> then point a kubeconfig at it
/// (<see cref="WriteKubeconfig"/>). See tests/ImageRoll.ClusterSimulator/README.md.
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly List<Task> _controllerTasks = [];
    private readonly CertificateAuthority? _certificates;
    private readonly Authenticator _authenticator;

    private SimulatedCluster(SimulatorOptions options, WebApplication app, ObjectStore store, Authenticator authenticator,
        FaultInjector faults, RequestLog requests, CertificateAuthority? certificates, CancellationTokenSource stopping)
    {
        Options = options;
        _app = app;
        Store = store;
        _authenticator = authenticator;
        Faults = faults;
        Requests = requests;
        _certificates = certificates;
        _stopping = stopping;
    }

    public SimulatorOptions Options { get; }

    /// <summary>"https://127.0.0.1:PORT" (or http://).</summary>
    public string BaseUrl { get; private set; } = "";

    public ObjectStore Store { get; }

    public FaultInjector Faults { get; }

    public RequestLog Requests { get; }

    /// <summary>May do anything.</summary>
    public string AdminToken => _authenticator.AdminToken;

    /// <summary>The CI service account <see cref="SimulatorOptions.RestrictedUser"/>: reads everything, writes only what its policy allows.</summary>
    public string RestrictedToken => _authenticator.RestrictedToken;

    /// <summary>Refused with 401 Unauthorized.</summary>
    public string ExpiredToken => _authenticator.ExpiredToken;

    /// <summary>
    /// A bearer token of the service account <paramref name="ns"/>/<paramref name="name"/> (created when missing),
    /// authorized by RBAC: what <c>kubectl create token NAME -n NS</c> gets (docs/simulator.md, "RBAC").
    /// </summary>
    public string CreateServiceAccountToken(string ns, string name)
    {
        if (Store.Get(ResourceTypes.ServiceAccounts, ns, name) is null)
        {
            Store.Create(ResourceTypes.ServiceAccounts, ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            });
        }

        return _authenticator.IssueToken(Authorization.UserInfo.ServiceAccountUser(ns, name));
    }

    /// <summary>
    /// A client certificate and key (PEM) signed by the cluster CA for <paramref name="user"/> in
    /// <paramref name="groups"/>: a kubeconfig's <c>client-certificate-data</c>/<c>client-key-data</c> user
    /// (system:masters is the admin). HTTPS only.
    /// </summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user, params string[] groups) =>
        (_certificates ?? throw new InvalidOperationException("client certificates need HTTPS")).IssueClientCertificate(user, groups);

    /// <summary>PEM of the CA that signed the server certificate (null over plain HTTP).</summary>
    public string? CaPem => _certificates?.CaPem;

    public X509Certificate2? CaCertificate => _certificates?.CaCertificate;

    /// <summary>The integrated registry's front, when <see cref="SimulatorOptions.IntegratedRegistryBackend"/> is set.</summary>
    public Registry.IntegratedRegistry? IntegratedRegistry { get; private init; }

    /// <summary>The controllers running.</summary>
    public IReadOnlyList<ISimulatorController> Controllers { get; private set; } = [];

    public static async Task<SimulatedCluster> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var controllers = ControllerCatalog.For(options);
        var store = new ObjectStore(options.Clock, options.WatchHistory);
        var streams = new ImageStreamStrategy(options.InternalRegistryHostname, options.Clock);
        store.Strategies[ResourceTypes.ImageStreams] = streams;
        streams.Lookup = (ns, name) => store.Get(ResourceTypes.ImageStreams, ns, name);
        foreach (var ns in options.Namespaces.Prepend("default").Distinct())
        {
            store.Create(ResourceTypes.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        Authorization.BootstrapPolicy.Seed(store);
        var certificates = options.Https ? CertificateAuthority.Create() : null;
        var authenticator = new Authenticator(options, store) { ClientCa = certificates };
        var faults = new FaultInjector();
        var requests = new RequestLog();
        var stopping = new CancellationTokenSource();
        var server = new ApiServer(options, store, authenticator, faults, requests, stopping.Token);
        var registry = options.IntegratedRegistryBackend is null ? null : await Registry.IntegratedRegistry.StartAsync(options, store, authenticator, cancellationToken).ConfigureAwait(false);
        registry?.Publish(store);
        streams.ExternalRegistryHostname = registry?.Host;
        ImageConfig.Seed(store, options.InternalRegistryHostname, registry?.Host);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificates is not null)
                {
                    // Client certificates are asked for, not required, and verified by the authenticator (as
                    // kube-apiserver's tls.RequestClientCert plus its x509 authenticator do).
                    listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificates.ServerCertificate,
                        ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate,
                        ClientCertificateValidation = (_, _, _) => true,
                    });
                }
            });
        });
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var cluster = new SimulatedCluster(options, app, store, authenticator, faults, requests, certificates, stopping) { IntegratedRegistry = registry };
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cluster.BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        cluster.Controllers = controllers;
        foreach (var controller in controllers)
        {
            cluster._controllerTasks.Add(cluster.RunControllerAsync(controller));
        }

        return cluster;
    }

    /// <summary>The kubeconfig YAML for this cluster with <paramref name="token"/> (default: the admin token).</summary>
    public string KubeconfigYaml(string? token = null, string ns = "default") =>
        Kubeconfig.Render(BaseUrl, CaPem, Options.Https ? token ?? AdminToken : null, ns);

    /// <summary>Writes a kubeconfig (atomically) for this cluster with <paramref name="token"/> (default: admin).</summary>
    public void WriteKubeconfig(string path, string? token = null, string ns = "default") =>
        Kubeconfig.WriteAtomically(path, KubeconfigYaml(token, ns));

    /// <summary>An HttpClient that trusts the cluster's CA and sends <paramref name="token"/> (default: admin).</summary>
    public HttpClient CreateHttpClient(string? token = null)
    {
        var handler = new HttpClientHandler();
        if (_certificates is not null)
        {
            var ca = _certificates.CaCertificate;
            handler.ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                if (cert is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert);
            };
        }

        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        if (Options.Https)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_controllerTasks).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A controller ignoring cancellation must not hang the test run.
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (IntegratedRegistry is not null)
        {
            await IntegratedRegistry.DisposeAsync().ConfigureAwait(false);
        }

        _certificates?.Dispose();
        _stopping.Dispose();
    }

    private async Task RunControllerAsync(ISimulatorController controller)
    {
        await Task.Yield();
        var context = new ControllerContext(Store, Options, controller.Name)
        {
            IntegratedRegistry = IntegratedRegistry is { } r ? new Registry.IntegratedRegistryRoute(r.InternalHostname, r.Host, AdminToken) : null,
        };
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await controller.RunAsync(context, _stopping.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync($"sim: controller {controller.Name} failed and restarts: {e}").ConfigureAwait(false);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
