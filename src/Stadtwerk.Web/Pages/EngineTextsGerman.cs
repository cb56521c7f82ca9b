using System.Collections.Frozen;

namespace Stadtwerk.Web.Pages;

/// <summary>
/// German templates of the engine's messages, keyed by the English composite format (<see cref="Core.Text.Format"/>):
/// the same holes, formats where German needs them ({0:N2} € for money). See docs/architecture.md, "Languages".
/// </summary>
public static class EngineTextsGerman
{
    public static readonly FrozenDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
