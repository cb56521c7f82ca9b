namespace Stadtwerk.Infrastructure.Demo;

/// <summary>Generates the demo utility deterministically from a seed.</summary>
public static class DemoGenerator
{
    public static DemoData Generate(int seed) => throw new NotImplementedException($"demo generator (seed {seed}) is being written");
}
