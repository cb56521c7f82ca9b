namespace Stadtwerk.Core.Accounts;

/// <summary>The steps of the dunning procedure (Mahnstufen), in order.</summary>
public enum DunningLevel
{
    /// <summary>Zahlungserinnerung: a friendly reminder, no fee.</summary>
    Reminder = 1,

    /// <summary>Mahnung: the dunning notice, with the configured fee.</summary>
    Notice = 2,

    /// <summary>Androhung der Unterbrechung (electricity and gas: § 19 Abs. 2 StromGVV/GasGVV; water: § 33 AVBWasserV; heat: § 33 AVBFernwärmeV).</summary>
    DisconnectionThreat = 3,

    /// <summary>Ankündigung der Unterbrechung: the day supply is interrupted, with the offer of an Abwendungsvereinbarung (electricity and gas).</summary>
    DisconnectionAnnouncement = 4,
}

/// <summary>An item of a contract account that is due and not paid, as dunning sees it.</summary>
/// <param name="Reference">What it is, e.g. "Rechnung 2027-0000012" or "Abschlag 02/2027".</param>
/// <param name="Disputed">The customer objected to it in due form (it is deducted from the arrears that may justify a disconnection).</param>
public sealed record OverdueItem(string Reference, DateOnly DueOn, decimal Open, bool Disputed = false);
