using PdfSharp.Drawing;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>Draws a QR code as vector squares (sharp in print at any size) on a white ground.</summary>
internal static class QrDrawing
{
    public static void Draw(XGraphics gfx, double x, double y, double size, bool[][] modules)
    {
        ArgumentNullException.ThrowIfNull(gfx);
        ArgumentNullException.ThrowIfNull(modules);
        gfx.DrawRectangle(XBrushes.White, x, y, size, size);
        var module = size / modules.Length;
        for (var row = 0; row < modules.Length; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    // A hair larger than a module, so neighbours join without seams.
                    gfx.DrawRectangle(XBrushes.Black, x + (column * module), y + (row * module), module + 0.15, module + 0.15);
                }
            }
        }
    }
}
