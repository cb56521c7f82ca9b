using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Stadtwerk.Core.Billing;

/// <summary>
/// Writes a bill as the output JSON of <c>calculate</c>: the spec's field names and order, two-space indentation,
/// numbers as JSON numbers (amounts in their shortest form with at least one decimal, e.g. 96.0 and 0.265).
/// </summary>
public static class BillJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, IndentSize = 2, NewLine = "\n" };

    public static string Write(Bill bill)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        Write(bill, buffer);
        buffer.Write("\n"u8);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Bill bill, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(bill);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("unit", bill.Unit == QuantityUnit.CubicMetre ? "m3" : "kWh");
        writer.WriteNumber("quantity", bill.Quantity);
        writer.WriteStartArray("lines");
        foreach (var line in bill.Lines)
        {
            writer.WriteStartObject();
            writer.WriteString("from", line.From.ToIso());
            writer.WriteString("to", line.To.ToIso());
            writer.WriteNumber("days", line.Days);
            writer.WriteNumber("quantity", line.Quantity);
            WriteDecimal(writer, "energyPrice", line.EnergyPrice);
            WriteDecimal(writer, "energyNet", line.EnergyNet);
            WriteDecimal(writer, "basePerYear", line.BasePerYear);
            WriteDecimal(writer, "baseNet", line.BaseNet);
            WriteDecimal(writer, "vatRate", line.VatRate);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteDecimal(writer, "net", bill.Net);
        writer.WriteStartArray("vat");
        foreach (var vat in bill.Vat)
        {
            writer.WriteStartObject();
            WriteDecimal(writer, "rate", vat.Rate);
            WriteDecimal(writer, "net", vat.Net);
            WriteDecimal(writer, "amount", vat.Amount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteDecimal(writer, "gross", bill.Gross);
        WriteDecimal(writer, "paid", bill.Paid);
        WriteDecimal(writer, "balance", bill.Balance);
        if (bill.NextInstallment is { } plan)
        {
            writer.WriteStartObject("nextInstallment");
            writer.WriteNumber("annualQuantity", plan.AnnualQuantity);
            WriteDecimal(writer, "amount", plan.Amount);
            writer.WriteNumber("count", plan.Count);
            writer.WriteStartArray("dues");
            foreach (var due in plan.Dues)
            {
                writer.WriteStringValue(due.ToIso());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>The shortest exact form of a decimal with at least one decimal place: 96 → 96.0, 0.2650 → 0.265.</summary>
    public static string FormatDecimal(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static void WriteDecimal(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(FormatDecimal(value), skipInputValidation: true);
    }
}
