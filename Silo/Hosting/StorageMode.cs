namespace Realtime.Silo.Hosting;

/// <summary>Where the silo keeps cluster membership and grain state.</summary>
public enum StorageMode
{
    /// <summary>PostgreSQL through Orleans' ADO.NET providers: durable, and the only mode that clusters.</summary>
    Postgres,

    /// <summary>Process memory and single-silo localhost clustering: for demos and tests; nothing survives a restart.</summary>
    Memory,
}
