using Orleans.Dashboard;
using RobustGrid.Dashboard.Http;
using RobustGrid.Grains;
using RobustGrid.Hosting;
using RobustGrid.Hosting.Logging;

// A RobustGrid silo. Configuration: appsettings.json, then RobustGrid__* environment variables, then
// --RobustGrid:Key=value arguments (see docs/USAGE.md, "Configuration"). SIGTERM drains it, for at most RobustGrid:ShutdownSeconds (docs/DEPLOY.md).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.LimitRepeatedErrors();
RobustGridOptions options = builder.Configuration.GetRobustGridOptions();
// Kestrel only serves the dashboard; without it, it sits on an ephemeral loopback port.
builder.WebHost.UseUrls(options.Dashboard ? $"http://{options.AdvertisedAddress}:{options.DashboardPort}" : "http://127.0.0.1:0");
try
{
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

    var app = builder.Build();
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
