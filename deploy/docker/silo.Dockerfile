# syntax=docker/dockerfile:1
# RobustGrid silo host (src/Silo). Build from the repository root, which is the context:
#   docker build -f deploy/docker/silo.Dockerfile -t robustgrid-silo .
# The context is filtered by silo.Dockerfile.dockerignore beside this file (BuildKit).

# --- build ----------------------------------------------------------------------------------------------
# All of src/ is copied (bin/ and obj/ are ignored), so a new project reference needs no change here; NuGet
# packages persist in a BuildKit cache mount between builds instead of in a restore layer.
# The output is portable IL, so the SDK stage runs on the build machine's platform even for other targets.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/ src/
RUN --mount=type=cache,id=robustgrid-nuget,target=/root/.nuget/packages \
    dotnet publish src/Silo/RobustGrid.Silo.csproj -c Release -o /app -p:UseAppHost=false

# --- runtime: ASP.NET Core (Kestrel serves the health endpoints and the optional Orleans Dashboard) ---------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# appsettings.json is read from the working directory.
WORKDIR /app
COPY --from=build /app ./
# Results land on a volume shared by every silo (the coordinating silo of a sweep writes its Parquet files).
# APP_UID (1654) is the non-root "app" user of the .NET images.
RUN mkdir -p /results && chown "$APP_UID:$APP_UID" /results
# RobustGrid__AdvertisedAddress=auto: the silo advertises the address its container's host name resolves to (Docker and
# Kubernetes map it in /etc/hosts) and listens on every address; the Kubernetes Deployment passes the pod IP instead.
# RobustGrid__HealthPort serves /healthz and /readyz (docs/DEPLOY.md, "Health").
# RobustGrid__ShutdownSeconds is the silo's drain budget on SIGTERM (Orleans' graceful shutdown; the process exits
# when it runs out); keep it below the orchestrator's grace period (compose: 120 s; the Kubernetes Deployment sets its own).
ENV RobustGrid__ResultsDirectory=/results \
    RobustGrid__AdvertisedAddress=auto \
    RobustGrid__HealthPort=8081 \
    RobustGrid__ShutdownSeconds=110
VOLUME /results
# Silo-to-silo, client gateway, health endpoints, dashboard (only when RobustGrid__Dashboard=true).
EXPOSE 11111 30000 8081 8080
USER $APP_UID
# Healthy once the silo is active in its cluster (/readyz answers 200). The image has no curl or wget: the silo's own
# binary makes the request (`--probe URL` exits 0 on a 2xx answer, else 1).
HEALTHCHECK --interval=10s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/robustgrid-silo.dll", "--probe", "http://127.0.0.1:8081/readyz"]
ENTRYPOINT ["dotnet", "/app/robustgrid-silo.dll"]
