using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RobustGrid.Dashboard.Sweeps;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace RobustGrid.Dashboard.Http;

/// <summary>
/// The sweeps page on ASP.NET Core minimal APIs, read-only, under a path prefix ("" for the CLI's own server,
/// "/sweeps" in the silo host): the page and its script and style (from memory), <c>api/sweeps</c> (every sweep's
/// status), <c>api/sweeps/{id}</c> (one sweep's status, curves, table and failed runs; 400 for a malformed id, 404 for
/// one that is not a sweep of the page) and <c>report/{id}/{file}</c> (a finished sweep's report files).
/// </summary>
public static class DashboardEndpoints
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the page at <paramref name="prefix"/> ("" or a path like "/sweeps", no trailing '/').</summary>
    public static RouteGroupBuilder MapSweepDashboard(this IEndpointRouteBuilder endpoints, string prefix, SweepCatalog catalog)
    {
        string basePath = prefix.TrimEnd('/') + "/";
        RouteGroupBuilder group = endpoints.MapGroup(prefix.TrimEnd('/'));
        group.AddEndpointFilter(async (context, next) =>
        {
            HttpResponse response = context.HttpContext.Response;
            response.Headers.CacheControl = "no-store";
            response.Headers.XContentTypeOptions = "nosniff";
            return await next(context);
        });
        // "/sweeps" without its '/' would resolve the page's relative requests against the parent path: it redirects.
        group.MapGet("/", (HttpContext context) => context.Request.Path.Value?.EndsWith('/') == true ? Page(basePath) : HttpResults.Redirect(basePath));
        group.MapGet("/dashboard.js", () => HttpResults.Bytes(DashboardAssets.Script, "text/javascript; charset=utf-8"));
        group.MapGet("/dashboard.css", () => HttpResults.Bytes(DashboardAssets.Style, "text/css; charset=utf-8"));
        group.MapGet("/api/sweeps", async (CancellationToken cancellationToken) =>
            HttpResults.Json(await catalog.ListAsync(cancellationToken), _json));
        group.MapGet("/api/sweeps/{id}", async (string id, CancellationToken cancellationToken) =>
            Grains.Contracts.Sweeps.SweepIds.Validate(id) is { } fault
                ? HttpResults.BadRequest(fault)
                : await catalog.PageAsync(id, cancellationToken) is { } page ? HttpResults.Json(page, _json) : HttpResults.NotFound($"no sweep '{id}' here"));
        group.MapGet("/report/{id}/{file}", (string id, string file) =>
        {
            if (Grains.Contracts.Sweeps.SweepIds.Validate(id) is { } fault)
            {
                return HttpResults.BadRequest(fault);
            }
            return catalog.ReportDirectory(id) is { } report && ReportFiles.TryResolve(report, file, out string path, out string type)
                ? HttpResults.File(path, type)
                : HttpResults.NotFound();
        });
        return group;
    }

    private static IResult Page(string basePath) => new PageResult(DashboardAssets.Index(basePath));

    /// <summary>The page, with a policy that lets it load only its own script and style.</summary>
    private sealed class PageResult(byte[] html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";
            return HttpResults.Bytes(html, "text/html; charset=utf-8").ExecuteAsync(httpContext);
        }
    }
}
