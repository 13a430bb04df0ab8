# syntax=docker/dockerfile:1
# Multi-stage build: the SDK image publishes the API and the deployment tool; the small Alpine ASP.NET
# runtime image runs them as its unprivileged user. With no configuration the API builds and serves its
# embedded SQLite database; with Database__Provider=SqlServer it reads SQL Server (see compose.yaml).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY openapi/ openapi/
COPY src/ src/
RUN dotnet publish src/Maatwerk.OpenData.Api/Maatwerk.OpenData.Api.csproj -c Release -o /app/api \
 && dotnet publish src/Maatwerk.OpenData.Deploy/Maatwerk.OpenData.Deploy.csproj -c Release -o /app/deploy

FROM mcr.microsoft.com/dotnet/aspnet:10.0-alpine AS runtime
# Microsoft.Data.SqlClient needs ICU (it does not support globalization-invariant mode).
RUN apk add --no-cache icu-libs
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ASPNETCORE_HTTP_PORTS=8080 \
    Database__SqlitePath=/tmp/maatwerk/reporting.db
WORKDIR /app
COPY --from=build /app ./
EXPOSE 8080
# The image's unprivileged 'app' user.
USER $APP_UID
# Ready: the database answers, its schema is migrated and a data release is loaded.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/health/ready || exit 1
# The deployment tool runs from the same image: docker run --entrypoint dotnet <image> deploy/Maatwerk.OpenData.Deploy.dll status
ENTRYPOINT ["dotnet", "api/Maatwerk.OpenData.Api.dll"]
