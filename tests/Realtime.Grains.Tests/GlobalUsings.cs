global using Orleans;
global using Orleans.Hosting;
global using Realtime.Grains.Tests.Infrastructure;
global using Realtime.Testing;
