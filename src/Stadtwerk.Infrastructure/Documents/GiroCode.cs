using System.Globalization;
using QRCoder;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The GiroCode (EPC QR code, EPC069-12 version 002) a customer who pays by transfer scans with a banking app: the
/// utility's account, the amount and the bill number as remittance, prefilled.
/// </summary>
public static class GiroCode
{
    public static string Payload(string beneficiary, string iban, string? bic, decimal amount, string remittance)
    {
        ArgumentNullException.ThrowIfNull(beneficiary);
        ArgumentNullException.ThrowIfNull(remittance);
        if (amount is < 0.01m or > 999_999_999.99m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A GiroCode carries 0.01 to 999,999,999.99 EUR.");
        }

        string[] lines =
        [
            "BCD",
            "002",
            "1",
            "SCT",
            bic ?? string.Empty,
            Limit(beneficiary, 70),
            iban,
            string.Create(CultureInfo.InvariantCulture, $"EUR{amount:0.00}"),
            string.Empty,
            string.Empty,
            Limit(remittance, 140),
        ];
        return string.Join('\n', lines);
    }

    /// <summary>The QR code's modules (true: dark), error correction M as the EPC asks, with the quiet zone.</summary>
    public static bool[][] Modules(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        return [.. data.ModuleMatrix.Select(row => row.Cast<bool>().ToArray())];
    }

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..max];
}
