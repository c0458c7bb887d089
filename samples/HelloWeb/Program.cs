var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// The release demo and the integration tests probe this: 200 with the version the image was built from.
app.MapGet("/", () => Results.Text($"Hello from ImageRoll's sample ({Environment.GetEnvironmentVariable("HELLOWEB_VERSION") ?? "dev"})\n"));
app.MapGet("/healthz", () => Results.Ok());

app.Run();
