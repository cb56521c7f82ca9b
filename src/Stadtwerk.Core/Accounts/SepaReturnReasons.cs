namespace Stadtwerk.Core.Accounts;

/// <summary>
/// The ISO 20022 reason codes banks give for rejected and returned SEPA direct debits (ExternalStatusReason1Code,
/// ExternalReturnReason1Code; the ones the EPC rulebook lists for SDD), in the German words clerks use.
/// </summary>
public static class SepaReturnReasons
{
    private static readonly Dictionary<string, string> German = new(StringComparer.Ordinal)
    {
        ["AC01"] = "IBAN fehlerhaft",
        ["AC04"] = "Konto erloschen",
        ["AC06"] = "Konto gesperrt",
        ["AC13"] = "Konto eines Verbrauchers (Firmenlastschrift nicht möglich)",
        ["AG01"] = "Lastschrift auf diesem Konto nicht erlaubt",
        ["AG02"] = "ungültiger Transaktionscode oder ungültiges Dateiformat",
        ["AM04"] = "keine ausreichende Deckung",
        ["AM05"] = "doppelte Einreichung",
        ["BE05"] = "Gläubiger-Identifikationsnummer unbekannt",
        ["CNOR"] = "Bank des Gläubigers nicht erreichbar",
        ["DNOR"] = "Bank des Zahlers nicht erreichbar",
        ["FF01"] = "ungültiges Dateiformat",
        ["MD01"] = "kein gültiges Mandat",
        ["MD02"] = "Mandatsdaten fehlen oder sind falsch",
        ["MD06"] = "Widerspruch des Zahlers (Erstattung verlangt)",
        ["MD07"] = "Kontoinhaber verstorben",
        ["MS02"] = "Zahler hat widersprochen, ohne Grund",
        ["MS03"] = "kein Grund angegeben",
        ["RC01"] = "BIC fehlerhaft",
        ["RR01"] = "Angaben zum Zahler fehlen (Geldwäschevorschriften)",
        ["RR02"] = "Name oder Anschrift des Zahlers fehlt",
        ["RR03"] = "Name oder Anschrift des Gläubigers fehlt",
        ["RR04"] = "aufsichtsrechtlicher Grund",
        ["SL01"] = "besondere Dienstleistung der Bank des Zahlers (Lastschriftsperre)",
        ["FOCR"] = "Rückruf auf Wunsch des Gläubigers",
        ["DUPL"] = "doppelte Zahlung",
        ["NARR"] = "Grund im Text",
    };

    /// <summary>The German description of a reason given as "CODE" or "CODE free text"; the text as it is when the code is unknown.</summary>
    public static string Describe(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "kein Grund angegeben";
        }

        var trimmed = reason.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var code = space < 0 ? trimmed : trimmed[..space];
        var rest = space < 0 ? null : trimmed[(space + 1)..].Trim();
        return German.TryGetValue(code, out var text)
            ? string.IsNullOrEmpty(rest) ? $"{code}: {text}" : $"{code}: {text} ({rest})"
            : trimmed;
    }
}
