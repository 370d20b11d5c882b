global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using Realtime.Api.Tests.Infrastructure;
global using static Realtime.Api.Tests.Infrastructure.Tenant;
