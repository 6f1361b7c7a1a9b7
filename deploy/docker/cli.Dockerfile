# syntax=docker/dockerfile:1
# The robustgrid CLI (src/Client). Build from the repository root, which is the context:
#   docker build -f deploy/docker/cli.Dockerfile -t robustgrid-cli .
#   docker run --rm --network <cluster-network> robustgrid-cli sweep --gateway silo1:30000
# The context is filtered by cli.Dockerfile.dockerignore beside this file (BuildKit).

# --- build ----------------------------------------------------------------------------------------------
# All of src/ is copied (bin/ and obj/ are ignored), so a new project reference needs no change here; NuGet
# packages persist in a BuildKit cache mount between builds instead of in a restore layer.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/ src/
RUN --mount=type=cache,id=robustgrid-nuget,target=/root/.nuget/packages \
    dotnet publish src/Client/RobustGrid.Client.csproj -c Release -o /app -p:UseAppHost=false

# --- runtime: ASP.NET Core (the CLI serves the sweeps page: robustgrid dashboard, sweep --dashboard) -------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
COPY --from=build /app /app
# Working directory "/" makes the CLI's default "--results results" the /results volume, so the same
# volume the silos write to can be mounted here to print summaries (robustgrid results /results/<id>).
WORKDIR /
RUN mkdir -p /results && chown "$APP_UID:$APP_UID" /results
VOLUME /results
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/robustgrid.dll"]
CMD ["--help"]
