using Orleans.Dashboard;
using RobustGrid.Dashboard.Http;
using RobustGrid.Grains;
using RobustGrid.Hosting;
using RobustGrid.Hosting.Logging;
using RobustGrid.Silo;

// A RobustGrid silo. Configuration: appsettings.json, then RobustGrid__* environment variables, then
// --RobustGrid:Key=value arguments (see docs/USAGE.md, "Configuration"). SIGTERM drains it, for at most RobustGrid:ShutdownSeconds (docs/DEPLOY.md).
// `--probe URL` is the image's health check instead (HttpProbe).
if (args is [HttpProbe.Flag, ..])
{
    return await HttpProbe.RunAsync(args[1..]);
}
var builder = WebApplication.CreateBuilder(args);
builder.Logging.LimitRepeatedErrors();
RobustGridOptions options = new();
try
{
    options = builder.Configuration.GetRobustGridOptions();
    // Kestrel serves the health endpoints and, when it is on, the dashboard, where the silo listens (loopback for a local silo).
    builder.WebHost.UseUrls(SiloEndpoints.Resolve(options).HttpUrls(options));
    builder.UseOrleans(silo =>
    {
        silo.UseRobustGrid(builder.Configuration);
        if (options.Dashboard)
        {
            silo.AddDashboard(_ => { });
        }
    });
    builder.AddRobustGridTelemetry("robustgrid-silo", options.ConsoleTelemetry);
    builder.Services.AddBoundedShutdown(options);
    builder.Services.AddSiloHealthChecks();

    var app = builder.Build();
    app.MapSiloHealthChecks();
    if (options.Dashboard)
    {
        app.MapOrleansDashboard();
        app.MapSweepDashboard("/sweeps", options.ResultsDirectory); // the sweeps page (docs/DEPLOY.md)
    }
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // Bad configuration or an unreachable Redis: one line that says why, and a non-zero exit.
    Console.Error.WriteLine($"robustgrid-silo: cannot run: {SiloStartFailure.Describe(e, options)}");
    return 1;
}
