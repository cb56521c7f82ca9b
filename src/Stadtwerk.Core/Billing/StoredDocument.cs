using System.Security.Cryptography;

namespace Stadtwerk.Core.Billing;

public enum DispatchChannel
{
    /// <summary>By e-mail, the PDF attached.</summary>
    Email,

    /// <summary>Printed and posted: the letter goes into the next print batch for the print shop (Lettershop).</summary>
    Print,
}

/// <summary>
/// A document as it was sent: stored once, immutable, with a hash of its content; a re-send sends the same bytes.
/// </summary>
public sealed class StoredDocument
{
    private StoredDocument()
    {
        FileName = string.Empty;
        Content = [];
        Sha256 = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The bill the letter belongs to; one letter per bill.</summary>
    public Guid BillId { get; private set; }

    public string FileName { get; private set; }

    public byte[] Content { get; private set; }

    public string Sha256 { get; private set; }

    public DispatchChannel Channel { get; private set; }

    /// <summary>For print: the batch it was printed in; none while it waits.</summary>
    public Guid? PrintBatchId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static StoredDocument ForBill(IssuedBill bill, byte[] pdf, DispatchChannel channel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(pdf);
        return new StoredDocument
        {
            Id = Guid.CreateVersion7(),
            BillId = bill.Id,
            FileName = bill.Kind == BillKind.Cancellation ? $"Stornorechnung-{bill.Number}.pdf" : $"Rechnung-{bill.Number}.pdf",
            Content = pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            Channel = channel,
            CreatedAt = now.ToUniversalTime(),
        };
    }

    public void Printed(Guid batchId) => PrintBatchId = PrintBatchId is null ? batchId : throw new InvalidOperationException($"{FileName} was printed already.");
}

/// <summary>A print batch for the print shop: the letters merged into one PDF in postal order, with a manifest.</summary>
public sealed class PrintBatch
{
    private PrintBatch()
    {
        Pdf = [];
        Manifest = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public int Number { get; private set; }

    public int Letters { get; private set; }

    public int Pages { get; private set; }

    public byte[] Pdf { get; private set; }

    /// <summary>CSV: position, first page, pages, bill, customer number, name, postal code, city.</summary>
    public string Manifest { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PrintBatch Create(Guid id, int number, int letters, int pages, byte[] pdf, string manifest, string createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        Number = number,
        Letters = letters,
        Pages = pages,
        Pdf = pdf,
        Manifest = manifest,
        CreatedBy = Guard.NotBlank(createdBy, nameof(createdBy)),
        CreatedAt = now.ToUniversalTime(),
    };
}
