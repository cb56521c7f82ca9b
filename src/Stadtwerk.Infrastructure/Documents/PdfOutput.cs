using System.IO.Compression;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// Saves PDFsharp documents with complete zlib streams. PDFsharp 6.2.4 ends every Flate stream it compresses with a
/// sync flush instead of the final block and leaves out the Adler-32 checksum (its <c>FlateDecode.Encode</c> flushes its
/// DeflateStream instead of closing it): <c>qpdf --check</c> warns "input stream is complete but output may still be
/// valid" on every page, and strict readers may stop at such a stream. So PDFsharp compresses no content here
/// (<c>CompressContentStreams</c> off), and every stream without a filter or with an incomplete Flate stream (the font
/// programs, which PDFsharp compresses anyway) is compressed with <see cref="ZLibStream"/>.
/// PDFsharp writes the font programs and ToUnicode maps only while saving, so a new document is saved once
/// uncompressed, read again, compressed and saved.
/// </summary>
internal static class PdfOutput
{
    /// <summary>A new <paramref name="document"/>, drawn and closed, as PDF bytes with every stream compressed completely.</summary>
    public static byte[] Save(PdfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        // PDFsharp saves a document once; the first save, uncompressed (its font subsets and ToUnicode maps too), is
        // read again, compressed and saved.
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        using var uncompressed = new MemoryStream();
        document.Save(uncompressed);
        using var reread = PdfReader.Open(new MemoryStream(uncompressed.GetBuffer(), 0, (int)uncompressed.Length), PdfDocumentOpenMode.Modify);
        using var output = new MemoryStream();
        SaveCompressed(reread, output);
        return output.ToArray();
    }

    /// <summary>
    /// A document whose streams all exist already (one read and changed, or made of imported pages): its streams
    /// without a filter compressed, saved into <paramref name="output"/> in one pass.
    /// </summary>
    public static void SaveCompressed(PdfDocument document, MemoryStream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        document.Options.CompressContentStreams = false;
        Compress(document);
        document.Save(output);
    }

    /// <summary>
    /// Compresses every stream of <paramref name="document"/> that has no filter yet (page contents, ToUnicode maps,
    /// embedded files), except the XMP metadata, which PDF/A wants readable as it is, and compresses again the Flate
    /// streams PDFsharp left incomplete (the font programs, which it compresses whatever the options say).
    /// </summary>
    public static void Compress(PdfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } dictionary || dictionary.Elements.GetName("/Type") == "/Metadata")
            {
                continue;
            }

            byte[] plain;
            if (!dictionary.Elements.ContainsKey("/Filter"))
            {
                plain = stream.Value;
            }
            else if (dictionary.Elements.GetName("/Filter") == "/FlateDecode" && !dictionary.Elements.ContainsKey("/DecodeParms") && !IsComplete(stream.Value, stream.UnfilteredValue))
            {
                plain = stream.UnfilteredValue;
            }
            else
            {
                continue;
            }

            if (plain.Length == 0)
            {
                continue;
            }

            var compressed = Zlib(plain);
            stream.Value = compressed;
            dictionary.Elements.SetName("/Filter", "/FlateDecode");
            dictionary.Elements.SetInteger("/Length", compressed.Length);
        }
    }

    /// <summary>
    /// Whether <paramref name="zlib"/> ends with the Adler-32 checksum of <paramref name="plain"/>. PDFsharp's streams end
    /// with the sync-flush marker 00 00 FF FF instead, which no checksum can be (both halves are below 65521).
    /// </summary>
    public static bool IsComplete(ReadOnlySpan<byte> zlib, ReadOnlySpan<byte> plain) =>
        zlib.Length >= 6 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(zlib[^4..]) == Adler32(plain);

    /// <summary>The Adler-32 checksum (RFC 1950, 8.2).</summary>
    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % Modulus;
            b = (b + a) % Modulus;
        }

        return (b << 16) | a;
    }

    /// <summary>RFC 1950 data: header, the complete deflate stream with its final block, Adler-32 checksum.</summary>
    public static byte[] Zlib(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }
}
