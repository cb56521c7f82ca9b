namespace Stadtwerk.Core.Tests;

/// <summary>Finds ../shared beside the repository (the spec and its worked examples); tests fail, never skip, without it.</summary>
public static class SharedFiles
{
    public static string Root { get; } = FindRoot();

    public static string SpecExamples => Path.Combine(Root, "spec", "examples");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Stadtwerk.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared"));
                return Directory.Exists(shared)
                    ? shared
                    : throw new DirectoryNotFoundException($"The shared folder is expected beside the repository at {shared}.");
            }
        }

        throw new DirectoryNotFoundException($"No Stadtwerk.slnx above {AppContext.BaseDirectory}.");
    }
}
