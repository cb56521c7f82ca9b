namespace Stadtwerk.Benchmarks;

/// <summary>The benchmark inputs, embedded in this assembly (Inputs/*.json) so that no run reads files from disk.</summary>
internal static class EmbeddedInputs
{
    public static string Read(string fileName)
    {
        var name = $"Stadtwerk.Benchmarks.Inputs.{fileName}";
        using var stream = typeof(EmbeddedInputs).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded input '{name}' is missing; see Inputs/ in the benchmark project.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
