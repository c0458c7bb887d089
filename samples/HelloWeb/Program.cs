using System.Reflection;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// The version a release shows: HELLOWEB_VERSION when the image or the manifest sets it, else the version the app was
// built with (dotnet publish -p:Version=1.2.3), without the "+commit" the SDK appends.
var version = Environment.GetEnvironmentVariable("HELLOWEB_VERSION") is { Length: > 0 } fromEnvironment
    ? fromEnvironment
    : (typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev").Split('+')[0];

// The release demo and the integration tests read these: / and /version answer with the version, /healthz is
// what the readiness probe of samples/manifests asks.
app.MapGet("/", () => Results.Text($"Hello from ImageRoll's sample ({version})\n"));
app.MapGet("/version", () => Results.Text(version + "\n"));
app.MapGet("/healthz", () => Results.Text("ok\n"));

app.Run();
