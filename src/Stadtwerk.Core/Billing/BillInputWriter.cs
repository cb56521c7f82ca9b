using System.Buffers;
using System.Text.Json;

namespace Stadtwerk.Core.Billing;

/// <summary>
/// Writes a <see cref="BillInput"/> as the input JSON of <c>calculate</c>, so that a stored bill can be replayed
/// by anyone: <c>BillInputJson.Parse(Write(input))</c> gives the same input, and the same bill.
/// </summary>
public static class BillInputWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, IndentSize = 2, NewLine = "\n" };

    public static string Write(BillInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("commodity", input.Commodity.ToString().ToLowerInvariant());
            writer.WriteStartObject("period");
            writer.WriteString("start", input.Period.Start.ToIso());
            writer.WriteString("end", input.Period.End.ToIso());
            writer.WriteEndObject();
            writer.WriteString("proration", input.Proration.ToString().ToLowerInvariant());
            if (input.Gas is { } gas)
            {
                writer.WriteStartObject("gas");
                Number(writer, "zustandszahl", gas.StateFactor);
                Number(writer, "brennwert", gas.CalorificValue);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("meters");
            foreach (var meter in input.Meters)
            {
                writer.WriteStartObject();
                writer.WriteString("number", meter.Number);
                if (meter.Digits is { } digits)
                {
                    writer.WriteNumber("digits", digits);
                }

                writer.WriteStartArray("readings");
                foreach (var reading in meter.Readings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("date", reading.Date.ToIso());
                    Number(writer, "value", reading.Value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("prices");
            foreach (var price in input.Prices)
            {
                writer.WriteStartObject();
                writer.WriteString("from", price.From.ToIso());
                Number(writer, "energy", price.Energy);
                Number(writer, "base", price.BasePerYear);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("vat");
            foreach (var vat in input.Vat)
            {
                writer.WriteStartObject();
                writer.WriteString("from", vat.From.ToIso());
                Number(writer, "rate", vat.Rate);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("installments");
            foreach (var installment in input.Installments)
            {
                writer.WriteStartObject();
                writer.WriteString("due", installment.Due.ToIso());
                Number(writer, "amount", installment.Amount);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (input.Plan is { } plan)
            {
                writer.WriteStartObject("plan");
                writer.WriteNumber("count", plan.Count);
                writer.WriteString("firstDue", plan.FirstDue.ToIso());
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Number(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(BillJson.FormatDecimal(value), skipInputValidation: true);
    }
}
