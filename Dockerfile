# syntax=docker/dockerfile:1
# Multi-stage build: the SDK image builds and publishes, the ASP.NET runtime image runs as a non-root user.
# With no configuration the container builds its embedded SQLite database from the canonical data at start.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY openapi/ openapi/
COPY src/ src/
RUN dotnet publish src/Maatwerk.OpenData.Api/Maatwerk.OpenData.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__SqlitePath=/tmp/maatwerk/reporting.db
EXPOSE 8080
# The aspnet image's unprivileged 'app' user.
USER $APP_UID
ENTRYPOINT ["dotnet", "Maatwerk.OpenData.Api.dll"]
