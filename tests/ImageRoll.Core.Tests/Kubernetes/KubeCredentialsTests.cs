using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

public sealed class KubeCredentialsTests : IDisposable
{
    private readonly KubeconfigFixture _fx = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fx.Dispose();

    private async Task<KubeAuth> Auth(string userYaml)
    {
        var config = _fx.Load(_fx.Write("config", KubeconfigFixture.Simple(userYaml)));
        return await config.Credentials.GetAsync(Ct);
    }

    [Fact]
    public async Task Token_is_sent_as_bearer()
    {
        var auth = await Auth("token: abc.def");

        Assert.Equal("Bearer abc.def", auth.Authorization?.ToString());
        Assert.Null(auth.ClientCertificate);
    }

    [Fact]
    public async Task Basic_auth_encodes_username_and_password()
    {
        var auth = await Auth("username: admin\npassword: p@ss");

        Assert.Equal("Basic", auth.Authorization?.Scheme);
        Assert.Equal("admin:p@ss", Encoding.UTF8.GetString(Convert.FromBase64String(auth.Authorization!.Parameter!)));
    }

    [Fact]
    public void Token_and_basic_auth_together_are_refused_without_printing_either()
    {
        var ex = _fx.Fails(_fx.Write("config", KubeconfigFixture.Simple("token: sekrit-token\nusername: a\npassword: sekrit-pw")));

        Assert.Equal("IR3019", ex.Code);
        Assert.Contains("users[u]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sekrit", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rsa_client_certificate_from_data_fields()
    {
        var (cert, key) = KubeconfigFixture.ClientCertificate(ec: false);

        var auth = await Auth($"client-certificate-data: {KubeconfigFixture.B64(cert)}\nclient-key-data: {KubeconfigFixture.B64(key)}");

        Assert.NotNull(auth.ClientCertificate);
        Assert.True(auth.ClientCertificate!.HasPrivateKey);
        Assert.NotNull(auth.ClientCertificate.GetRSAPrivateKey());
        Assert.Null(auth.Authorization);
    }

    [Fact]
    public async Task Ec_client_certificate_from_relative_files()
    {
        var (cert, key) = KubeconfigFixture.ClientCertificate(ec: true);
        _fx.Write("pki/client.crt", cert);
        _fx.Write("pki/client.key", key);

        var auth = await Auth("client-certificate: pki/client.crt\nclient-key: pki/client.key");

        Assert.NotNull(auth.ClientCertificate?.GetECDsaPrivateKey());
    }

    [Fact]
    public async Task Token_and_client_certificate_go_together()
    {
        var (cert, key) = KubeconfigFixture.ClientCertificate(ec: true);

        var auth = await Auth($"token: t\nclient-certificate-data: {KubeconfigFixture.B64(cert)}\nclient-key-data: {KubeconfigFixture.B64(key)}");

        Assert.Equal("Bearer t", auth.Authorization?.ToString());
        Assert.NotNull(auth.ClientCertificate);
    }

    [Fact]
    public void Client_certificate_without_key_is_IR3011()
    {
        var (cert, _) = KubeconfigFixture.ClientCertificate(ec: false);

        var ex = _fx.Fails(_fx.Write("config", KubeconfigFixture.Simple($"client-certificate-data: {KubeconfigFixture.B64(cert)}")));

        Assert.Equal("IR3011", ex.Code);
        Assert.Contains("client-key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_base64_in_client_key_data_names_the_field()
    {
        var (cert, _) = KubeconfigFixture.ClientCertificate(ec: false);

        var ex = _fx.Fails(_fx.Write("config", KubeconfigFixture.Simple($"client-certificate-data: {KubeconfigFixture.B64(cert)}\nclient-key-data: '%%%'")));

        Assert.Equal("IR3008", ex.Code);
        Assert.Contains("users[u].client-key-data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_that_does_not_match_the_certificate_is_IR3010()
    {
        var (cert, _) = KubeconfigFixture.ClientCertificate(ec: false);
        using var other = RSA.Create(2048);

        var ex = _fx.Fails(_fx.Write("config", KubeconfigFixture.Simple($"client-certificate-data: {KubeconfigFixture.B64(cert)}\nclient-key-data: {KubeconfigFixture.B64(other.ExportRSAPrivateKeyPem())}")));

        Assert.Equal("IR3010", ex.Code);
        Assert.Contains("users[u].client-certificate/client-key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_token_file_names_the_path_and_field()
    {
        var config = _fx.Load(_fx.Write("config", KubeconfigFixture.Simple("tokenFile: missing-token")));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => config.Credentials.GetAsync(Ct).AsTask());

        Assert.Equal("IR3009", ex.Code);
        Assert.Contains(Path.Combine(_fx.Dir, "missing-token"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("users[u].tokenFile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_provider_id_token_is_used_as_bearer()
    {
        var auth = await Auth("auth-provider:\n  name: oidc\n  config:\n    id-token: eyJ.id.token\n    client-id: x");

        Assert.Equal("Bearer eyJ.id.token", auth.Authorization?.ToString());
    }

    [Fact]
    public void Auth_provider_without_id_token_is_IR3016()
    {
        var ex = _fx.Fails(_fx.Write("config", KubeconfigFixture.Simple("auth-provider:\n  name: gcp\n  config:\n    cmd-path: gcloud")));

        Assert.Equal("IR3016", ex.Code);
        Assert.Contains("users[u].auth-provider 'gcp'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exec", ex.Hint, StringComparison.Ordinal);
    }
}
