using PdfSharp.Fonts;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The letters' font, DejaVu Sans (regular and bold), shipped in the assembly with its licence
/// (Documents/Fonts/LICENSE-DejaVu.txt), so a letter looks the same on every machine and embeds its font.
/// </summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Registration = new();

    public static void Register()
    {
        lock (Registration)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(faceName + ".ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
