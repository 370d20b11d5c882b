namespace Realtime.Testing;

/// <summary>The repository the tests were built from.</summary>
public static class Repository
{
    /// <summary>The folder of Realtime.sln, found above the tests' output folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Realtime.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"No Realtime.sln above {AppContext.BaseDirectory}.");
    }
}
