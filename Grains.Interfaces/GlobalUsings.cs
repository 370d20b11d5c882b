global using Orleans;
global using Orleans.Concurrency;
global using Realtime.Grains.Interfaces.Common;
