using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Stadtwerk.Core.Billing;

/// <summary>
/// Reads the JSON input of <c>calculate</c> (spec/billing-calculation.md). Checks the shape at the edge and
/// names the offending field by its path (e.g. <c>prices[1].energy</c>); consistency of the data (coverage,
/// prices for every day) is the engine's to judge.
/// </summary>
public static class BillInputJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private static readonly string[] RootFields = ["commodity", "period", "proration", "gas", "meters", "prices", "vat", "installments", "plan"];
    private static readonly string[] PeriodFields = ["start", "end"];
    private static readonly string[] GasFields = ["zustandszahl", "brennwert"];
    private static readonly string[] MeterFields = ["number", "digits", "readings"];
    private static readonly string[] ReadingFields = ["date", "value"];
    private static readonly string[] PriceFields = ["from", "energy", "base"];
    private static readonly string[] VatFields = ["from", "rate"];
    private static readonly string[] InstallmentFields = ["due", "amount"];
    private static readonly string[] PlanFields = ["count", "firstDue"];

    public static ParseResult<BillInput> Parse(string json) => Parse(Encoding.UTF8.GetBytes(json ?? string.Empty));

    public static ParseResult<BillInput> Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return ParseResult<BillInput>.Fail(Text.FromString(DescribeSyntaxError(e))); // the calculation API's JSON, read by developers: English only
        }

        using (document)
        {
            try
            {
                return ParseResult<BillInput>.Ok(ReadInput(document.RootElement));
            }
            catch (InputException e)
            {
                return ParseResult<BillInput>.Fail(e.Message);
            }
        }
    }

    private static string DescribeSyntaxError(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            message = message[..cut];
        }

        message = message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return e.LineNumber is { } line
            ? $"input is not valid JSON at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {message}"
            : $"input is not valid JSON: {message}";
    }

    private static BillInput ReadInput(JsonElement root)
    {
        RequireObject(root, "input", RootFields);
        var commodity = ReadCommodity(Required(root, "commodity", "commodity"));
        var period = ReadPeriod(Required(root, "period", "period"));
        Proration? proration = Optional(root, "proration") is { } p ? ReadProration(p) : null;

        GasConversion? gas = null;
        if (Optional(root, "gas") is { } gasElement)
        {
            RequireObject(gasElement, "gas", GasFields);
            var stateFactor = ReadDecimal(Required(gasElement, "zustandszahl", "gas.zustandszahl"), "gas.zustandszahl", positive: true);
            var calorificValue = ReadDecimal(Required(gasElement, "brennwert", "gas.brennwert"), "gas.brennwert", positive: true);
            gas = GasConversion.Create(stateFactor, calorificValue);
        }
        else if (commodity == Commodity.Gas)
        {
            throw new InputException("gas needs conversion factors: missing field 'gas' with zustandszahl and brennwert");
        }

        var meters = ReadArray(Required(root, "meters", "meters"), "meters", ReadMeter, requireEntries: true);
        var prices = ReadArray(Required(root, "prices", "prices"), "prices", ReadPrice, requireEntries: true);
        RequireDistinctDates(prices, static x => x.From, "prices", "from");
        ImmutableArray<VatRate>? vat = null;
        if (Optional(root, "vat") is { } vatElement)
        {
            vat = ReadArray(vatElement, "vat", ReadVat, requireEntries: true);
            RequireDistinctDates(vat.Value, static x => x.From, "vat", "from");
        }

        var installments = Optional(root, "installments") is { } installmentsElement
            ? ReadArray(installmentsElement, "installments", ReadInstallment, requireEntries: false)
            : [];
        var plan = Optional(root, "plan") is { } planElement ? ReadPlan(planElement) : null;

        return BillInput.Create(commodity, period, meters, prices, installments, proration, gas, vat, plan);
    }

    private static Commodity ReadCommodity(JsonElement element) => ReadString(element, "commodity") switch
    {
        "electricity" => Commodity.Electricity,
        "gas" => Commodity.Gas,
        "water" => Commodity.Water,
        "heat" => Commodity.Heat,
        var other => throw new InputException($"unknown commodity '{other}' (expected electricity, gas, water or heat)"),
    };

    private static Proration ReadProration(JsonElement element) => ReadString(element, "proration") switch
    {
        "linear" => Proration.Linear,
        "weighted" => Proration.Weighted,
        var other => throw new InputException($"unknown proration '{other}' (expected linear or weighted)"),
    };

    private static BillingPeriod ReadPeriod(JsonElement element)
    {
        RequireObject(element, "period", PeriodFields);
        var start = ReadDate(Required(element, "start", "period.start"), "period.start");
        var end = ReadDate(Required(element, "end", "period.end"), "period.end");
        if (start > end)
        {
            throw new InputException($"period is reversed: start {start.ToIso()} is after end {end.ToIso()}");
        }

        return BillingPeriod.Create(start, end);
    }

    private static MeterReadings ReadMeter(JsonElement element, string path)
    {
        RequireObject(element, path, MeterFields);
        var number = ReadString(Required(element, "number", $"{path}.number"), $"{path}.number");
        if (string.IsNullOrWhiteSpace(number))
        {
            throw new InputException($"{path}.number must not be empty");
        }

        int? digits = null;
        if (Optional(element, "digits") is { } digitsElement)
        {
            var value = ReadInteger(digitsElement, $"{path}.digits");
            if (value is < 1 or > MeterReadings.MaxDigits)
            {
                throw new InputException($"{path}.digits must be between 1 and {MeterReadings.MaxDigits}, got {value}");
            }

            digits = value;
        }

        var readings = ReadArray(Required(element, "readings", $"{path}.readings"), $"{path}.readings", ReadReading, requireEntries: true);
        return MeterReadings.Create(number, digits, readings);
    }

    private static MeterReading ReadReading(JsonElement element, string path)
    {
        RequireObject(element, path, ReadingFields);
        var date = ReadDate(Required(element, "date", $"{path}.date"), $"{path}.date");
        var value = ReadDecimal(Required(element, "value", $"{path}.value"), $"{path}.value");
        return MeterReading.Create(date, value);
    }

    private static PriceEntry ReadPrice(JsonElement element, string path)
    {
        RequireObject(element, path, PriceFields);
        var from = ReadDate(Required(element, "from", $"{path}.from"), $"{path}.from");
        var energy = ReadDecimal(Required(element, "energy", $"{path}.energy"), $"{path}.energy");
        var basePerYear = ReadDecimal(Required(element, "base", $"{path}.base"), $"{path}.base");
        return PriceEntry.Create(from, energy, basePerYear);
    }

    private static VatRate ReadVat(JsonElement element, string path)
    {
        RequireObject(element, path, VatFields);
        var from = ReadDate(Required(element, "from", $"{path}.from"), $"{path}.from");
        var rate = ReadDecimal(Required(element, "rate", $"{path}.rate"), $"{path}.rate");
        if (rate >= 1)
        {
            throw new InputException($"{path}.rate must be a fraction below 1 (0.19 for 19 %), got {Format(rate)}");
        }

        return VatRate.Create(from, rate);
    }

    private static InstallmentPayment ReadInstallment(JsonElement element, string path)
    {
        RequireObject(element, path, InstallmentFields);
        var due = ReadDate(Required(element, "due", $"{path}.due"), $"{path}.due");
        var amount = ReadDecimal(Required(element, "amount", $"{path}.amount"), $"{path}.amount");
        return InstallmentPayment.Create(due, amount);
    }

    private static PlanRequest ReadPlan(JsonElement element)
    {
        RequireObject(element, "plan", PlanFields);
        var count = ReadInteger(Required(element, "count", "plan.count"), "plan.count");
        if (count < 1)
        {
            throw new InputException($"plan.count must be at least 1, got {count}");
        }

        var firstDue = ReadDate(Required(element, "firstDue", "plan.firstDue"), "plan.firstDue");
        return PlanRequest.Create(count, firstDue);
    }

    private static ImmutableArray<T> ReadArray<T>(JsonElement element, string path, Func<JsonElement, string, T> read, bool requireEntries)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InputException($"{path} must be an array, got {Describe(element)}");
        }

        var length = element.GetArrayLength();
        if (requireEntries && length == 0)
        {
            throw new InputException($"{path} must not be empty");
        }

        var items = ImmutableArray.CreateBuilder<T>(length);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            items.Add(read(item, $"{path}[{index++}]"));
        }

        return items.MoveToImmutable();
    }

    private static void RequireDistinctDates<T>(ImmutableArray<T> entries, Func<T, DateOnly> date, string path, string field)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (date(entries[i]) == date(entries[j]))
                {
                    throw new InputException($"{path}[{j}] and {path}[{i}] both start on {date(entries[i]).ToIso()} ({field} must differ)");
                }
            }
        }
    }

    private static void RequireObject(JsonElement element, string path, string[] knownFields)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException($"{path} must be an object, got {Describe(element)}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(knownFields, property.Name) < 0)
            {
                var prefix = path == "input" ? string.Empty : $"{path}.";
                throw new InputException($"unknown field '{prefix}{property.Name}' (expected {string.Join(", ", knownFields)})");
            }
        }
    }

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new InputException($"missing field '{path}'");

    private static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string ReadString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new InputException($"{path} must be a string, got {Describe(element)}");

    private static DateOnly ReadDate(JsonElement element, string path)
    {
        var text = element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new InputException($"{path} must be a date string (yyyy-MM-dd), got {Describe(element)}");
        return IsoDate.TryParse(text, out var date)
            ? date
            : throw new InputException($"{path} is not a valid date (yyyy-MM-dd): '{text}'");
    }

    private static decimal ReadDecimal(JsonElement element, string path, bool positive = false)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new InputException($"{path} must be a number, got {Describe(element)}");
        }

        if (!element.TryGetDecimal(out var value))
        {
            throw new InputException($"{path} is out of range: {element.GetRawText()}");
        }

        if (value < 0 || (positive && value == 0))
        {
            throw new InputException($"{path} must be {(positive ? "positive" : "zero or more")}, got {element.GetRawText()}");
        }

        return value;
    }

    private static int ReadInteger(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new InputException($"{path} must be a whole number, got {Describe(element)}");
        }

        return element.TryGetDecimal(out var value) && value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new InputException($"{path} must be a whole number, got {element.GetRawText()}");
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Carries a message about the input out of the nested readers; never leaves this class.</summary>
    private sealed class InputException(string message) : Exception(message);
}
