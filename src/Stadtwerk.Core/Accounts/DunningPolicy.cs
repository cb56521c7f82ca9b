using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Accounts;

/// <summary>The configurable periods and amounts of the dunning procedure.</summary>
/// <param name="NoticeFee">The fee charged with the dunning notice (Mahnung); the other levels are free of charge.</param>
/// <param name="ReminderAfterDays">Days past the oldest due date before the reminder (Zahlungserinnerung).</param>
/// <param name="NoticeAfterDays">Days after the reminder before the dunning notice (Mahnung).</param>
/// <param name="ThreatAfterDays">Days after the notice before the threat of interruption (Androhung).</param>
/// <param name="AnnouncementAfterDays">
/// Days after the threat before the announcement (Ankündigung). Electricity and gas wait at least 28 days (four weeks,
/// § 19 Abs. 2 Satz 1 StromGVV/GasGVV); water and heat always wait the 14 days (two weeks) of § 33 Abs. 2 AVBWasserV/AVBFernwärmeV.
/// </param>
/// <param name="AnnouncementLeadWorkdays">Working days between the announcement and the start of the interruption of electricity or gas (at least 8).</param>
/// <param name="DisconnectionMinimum">The floor of the arrears threshold for electricity and gas (100 €).</param>
/// <param name="PaymentDays">The pay-by date written in the letter is the letter's date plus these days.</param>
public sealed record DunningSettings(
    decimal NoticeFee = 2.50m,
    int ReminderAfterDays = 7,
    int NoticeAfterDays = 14,
    int ThreatAfterDays = 14,
    int AnnouncementAfterDays = 28,
    int AnnouncementLeadWorkdays = 8,
    decimal DisconnectionMinimum = 100m,
    int PaymentDays = 14);

/// <summary>The step the dunning procedure proposes today for one contract.</summary>
/// <param name="Arrears">The open amount of the overdue items the customer did not dispute.</param>
/// <param name="Disputed">The open amount of the overdue items the customer disputed in due form.</param>
/// <param name="Fee">The fee of this step (only the dunning notice has one).</param>
/// <param name="PayBy">The date the letter asks payment by.</param>
/// <param name="DisconnectionFrom">
/// Threat: the earliest day an interruption is lawful (four weeks, for water and heat two weeks, after the letter's date).
/// Announcement: the day the interruption starts. Otherwise none.
/// </param>
/// <param name="Reason">Why this step is proposed now, for the clerk: an engine message (English; a page shows it in the reader's language).</param>
public sealed record DunningProposal(DunningLevel Level, decimal Arrears, decimal Disputed, decimal Fee, DateOnly PayBy, DateOnly? DisconnectionFrom, Text Reason);

/// <summary>
/// The rules of the dunning procedure (Mahnverfahren) up to the interruption of supply for payment arrears, pure.
/// <para>
/// Electricity and gas, § 19 StromGVV and § 19 GasGVV (identical wording; as amended by the Verordnung vom 22.11.2021,
/// BGBl. I S. 4946, and by the Strompreisbremsegesetz, in force since 24.12.2022; outside the Grundversorgung the same
/// duties follow from the EnWG, since the Energy Act amendment of late 2025 in §§ 41f, 41g EnWG):
/// </para>
/// <list type="bullet">
/// <item>Abs. 2 Satz 1 and 6: the supplier may interrupt four weeks after the threat (Androhung); the threat may come at the
/// earliest together with the dunning notice (Mahnung).</item>
/// <item>Abs. 2 Satz 2 to 5 and 7: not when the consequences are out of proportion to the breach, or when the customer shows a
/// reasonable prospect of paying; proportionality is not kept in particular where the interruption puts life or limb
/// (Leib oder Leben) of the persons affected at concrete risk. With the threat the customer is told that he may present such
/// reasons in text form (Textform) and to which contact address.</item>
/// <item>Abs. 2 Satz 8 to 11: for payment arrears only when the customer, after deducting advance payments, owes at least twice
/// the installment (Abschlag) that falls on the current month or, without installments, one sixth of the expected annual bill,
/// and at least 100 €. Amounts not established by a title (nicht tituliert) that the customer disputed in due form and time and
/// with reasons are left out, as are amounts not yet due by agreement and amounts from a disputed price increase.</item>
/// <item>Abs. 3: with the threat the customer is told in text form how to avoid the interruption at no extra cost (local help,
/// energy advice, social benefits, debt counselling) and that he may ask for an offer of an Abwendungsvereinbarung, which the
/// supplier sends within a week; at the latest with the announcement the supplier offers it.</item>
/// <item>Abs. 4: the start of the interruption is announced at least eight working days (Werktage) ahead by letter, where possible
/// also electronically; the letter names the reason and the costs of interruption and restoration that may be charged.</item>
/// <item>Abs. 5: the Abwendungsvereinbarung holds interest-free monthly instalments of the arrears (in general 6 to 18 months,
/// above 300 € 12 to 24 months) and the continued supply (since 2022 under the agreed terms for as long as the current
/// payments are made; before, against prepayment). Accepted in text form before the interruption, supply is not interrupted.</item>
/// <item>Abs. 6: supply is restored as soon as the reasons are gone and the customer has paid the costs of interruption and
/// restoration (may be charged as a flat rate).</item>
/// </list>
/// <para>
/// Water, § 33 Abs. 2 AVBWasserV, and heat, § 33 Abs. 2 AVBFernwärmeV: the supplier may stop supply two weeks after the threat,
/// which may come with the dunning notice; not when the customer shows the consequences to be out of proportion and a reasonable
/// prospect of paying. There is no amount threshold, but proportionality (Verhältnismäßigkeit) forbids stopping supply for trifles:
/// <see cref="DisconnectionArrears"/> only asks for positive arrears, so a person decides on small amounts. Neither ordinance
/// prescribes an announcement period; this procedure gives three working days (<see cref="WaterAndHeatLeadWorkdays"/>).
/// </para>
/// </summary>
public static class DunningPolicy
{
    /// <summary>The statutory wait between threat and interruption for electricity and gas: four weeks.</summary>
    public const int EnergyThreatDays = 28;

    /// <summary>The statutory wait between threat and interruption for water and heat: two weeks.</summary>
    public const int WaterAndHeatThreatDays = 14;

    /// <summary>The statutory minimum between announcement and interruption for electricity and gas: eight working days.</summary>
    public const int EnergyLeadWorkdays = 8;

    /// <summary>The announcement period this procedure gives for water and heat, where the ordinances prescribe none.</summary>
    public const int WaterAndHeatLeadWorkdays = 3;

    /// <summary>
    /// The next step for one contract, or none when nothing is to be sent today.
    /// <para>
    /// Only items due before <paramref name="today"/> count, and only undisputed amounts are dunned: without undisputed arrears
    /// there is nothing to send. Reminder: none sent yet and the oldest item is <see cref="DunningSettings.ReminderAfterDays"/>
    /// past due. Notice: <see cref="DunningSettings.NoticeAfterDays"/> after the reminder. Threat: <see cref="DunningSettings.ThreatAfterDays"/>
    /// after the notice and only when <see cref="DisconnectionArrears"/> reaches the threshold (otherwise the procedure rests at the notice).
    /// Announcement: four weeks (at least <see cref="DunningSettings.AnnouncementAfterDays"/>) after the threat for electricity and gas,
    /// two weeks for water and heat, with the threshold still reached. After the announcement a person takes over.
    /// </para>
    /// <para>
    /// The pay-by date is <paramref name="today"/> plus <see cref="DunningSettings.PaymentDays"/>; on the announcement it is at the latest
    /// the day before the interruption, so the letter never asks payment by a day after supply stops.
    /// </para>
    /// </summary>
    /// <param name="lastLevel">The level last sent in the current dunning procedure (none: nothing sent yet).</param>
    /// <param name="lastLevelOn">The date it was sent; required with <paramref name="lastLevel"/>.</param>
    /// <param name="monthlyInstallment">The contract's current monthly installment (0 when none).</param>
    /// <param name="expectedAnnualBill">The expected annual bill, for the sixth-of-the-annual-bill rule without installments.</param>
    public static DunningProposal? Next(
        Commodity commodity,
        DunningLevel? lastLevel,
        DateOnly? lastLevelOn,
        IReadOnlyList<OverdueItem> overdue,
        decimal monthlyInstallment,
        decimal expectedAnnualBill,
        DateOnly today,
        DunningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(overdue);
        ArgumentNullException.ThrowIfNull(settings);
        if (lastLevel is not null && lastLevelOn is null)
        {
            throw new ArgumentException("The date the last level was sent is required with the level.", nameof(lastLevelOn));
        }

        var due = overdue.Where(item => item.DueOn < today && item.Open != 0).ToList();
        var arrears = due.Where(item => !item.Disputed).Sum(item => item.Open);
        var disputed = due.Where(item => item.Disputed).Sum(item => item.Open);
        var oldest = due.Where(item => !item.Disputed && item.Open > 0).Select(item => (DateOnly?)item.DueOn).Min();
        if (arrears <= 0 || oldest is null)
        {
            return null;
        }

        var sinceLast = lastLevelOn is { } on ? today.DayNumber - on.DayNumber : 0;
        var payBy = today.AddDays(settings.PaymentDays);
        switch (lastLevel)
        {
            case null:
                var pastDue = today.DayNumber - oldest.Value.DayNumber;
                return pastDue < settings.ReminderAfterDays
                    ? null
                    : new DunningProposal(DunningLevel.Reminder, arrears, disputed, 0m, payBy, null,
                        $"payment reminder: {arrears:0.00} € due for {Days(pastDue)}");

            case DunningLevel.Reminder:
                return sinceLast < settings.NoticeAfterDays
                    ? null
                    : new DunningProposal(DunningLevel.Notice, arrears, disputed, settings.NoticeFee, payBy, null,
                        $"dunning notice: {arrears:0.00} € open, payment reminder of {lastLevelOn!.Value} unpaid for {Days(sinceLast)}");

            case DunningLevel.Notice:
            {
                if (sinceLast < settings.ThreatAfterDays)
                {
                    return null;
                }

                var (counted, threshold, reached) = DisconnectionArrears(commodity, due, monthlyInstallment, expectedAnnualBill, settings);
                return !reached
                    ? null
                    : new DunningProposal(DunningLevel.DisconnectionThreat, arrears, disputed, 0m, payBy, today.AddDays(ThreatDays(commodity, settings)),
                        $"threat of interruption: dunning notice of {lastLevelOn!.Value} unpaid for {Days(sinceLast)}, {Counted(commodity, counted, threshold, disputed)} ({LegalBasis(commodity)})");
            }

            case DunningLevel.DisconnectionThreat:
            {
                if (sinceLast < ThreatDays(commodity, settings))
                {
                    return null;
                }

                var (counted, threshold, reached) = DisconnectionArrears(commodity, due, monthlyInstallment, expectedAnnualBill, settings);
                if (!reached)
                {
                    return null;
                }

                var from = AddWorkdays(today, LeadWorkdays(commodity, settings));
                var announcementPayBy = payBy < from ? payBy : from.AddDays(-1);
                return new DunningProposal(DunningLevel.DisconnectionAnnouncement, arrears, disputed, 0m, announcementPayBy, from,
                    $"announcement of interruption from {from}: threat of {lastLevelOn!.Value} unpaid for {Days(sinceLast)}, {Counted(commodity, counted, threshold, disputed)} ({LegalBasis(commodity)})");
            }

            default:
                // After the announcement (or an unknown level) a person takes over.
                return null;
        }
    }

    /// <summary>
    /// The arrears that count for an interruption: the open amounts of the undisputed items (credits deducted, never below 0),
    /// and whether they reach the threshold. Electricity and gas (§ 19 Abs. 2 StromGVV/GasGVV): twice the monthly installment,
    /// or one sixth of the expected annual bill when there are no installments, and at least <see cref="DunningSettings.DisconnectionMinimum"/>;
    /// reached when the counted arrears are at least the threshold. Water and heat: no threshold (0), reached by any positive arrears.
    /// </summary>
    public static (decimal Counted, decimal Threshold, bool Reached) DisconnectionArrears(
        Commodity commodity,
        IReadOnlyList<OverdueItem> overdue,
        decimal monthlyInstallment,
        decimal expectedAnnualBill,
        DunningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(overdue);
        ArgumentNullException.ThrowIfNull(settings);
        var counted = Math.Max(0m, overdue.Where(item => !item.Disputed).Sum(item => item.Open));
        if (commodity is Commodity.Water or Commodity.Heat)
        {
            return (counted, 0m, counted > 0);
        }

        var share = monthlyInstallment > 0 ? 2 * monthlyInstallment : Math.Max(0m, expectedAnnualBill) / 6;
        var threshold = Math.Max(Math.Round(share, 2, MidpointRounding.AwayFromZero), settings.DisconnectionMinimum);
        return (counted, threshold, counted > 0 && counted >= threshold);
    }

    /// <summary>
    /// <paramref name="from"/> plus <paramref name="workdays"/> working days (Werktage): Monday to Saturday, except the public holidays
    /// of all German states (Neujahr, Karfreitag, Ostermontag, 1. Mai, Christi Himmelfahrt, Pfingstmontag, Tag der Deutschen Einheit,
    /// 1. und 2. Weihnachtstag), Easter computed per year. Holidays of single states (e.g. Fronleichnam, Reformationstag) count
    /// as working days here: where one falls into a statutory period (a minimum), the interruption must move by a day there.
    /// </summary>
    public static DateOnly AddWorkdays(DateOnly from, int workdays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workdays);
        var day = from;
        while (workdays > 0)
        {
            day = day.AddDays(1);
            if (IsWorkday(day))
            {
                workdays--;
            }
        }

        return day;
    }

    /// <summary>Monday to Saturday and not a nationwide public holiday.</summary>
    public static bool IsWorkday(DateOnly day) => day.DayOfWeek != DayOfWeek.Sunday && !IsNationwideHoliday(day);

    /// <summary>The public holidays of all German states.</summary>
    public static bool IsNationwideHoliday(DateOnly day)
    {
        if ((day.Month, day.Day) is (1, 1) or (5, 1) or (10, 3) or (12, 25) or (12, 26))
        {
            return true;
        }

        var offset = day.DayNumber - EasterSunday(day.Year).DayNumber;
        // Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag.
        return offset is -2 or 1 or 39 or 50;
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }

    /// <summary>The days between threat and announcement: four weeks (or more as configured) for electricity and gas, two weeks for water and heat.</summary>
    public static int ThreatDays(Commodity commodity, DunningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return commodity is Commodity.Water or Commodity.Heat ? WaterAndHeatThreatDays : Math.Max(settings.AnnouncementAfterDays, EnergyThreatDays);
    }

    /// <summary>The working days between announcement and interruption: at least eight for electricity and gas, three for water and heat.</summary>
    public static int LeadWorkdays(Commodity commodity, DunningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return commodity is Commodity.Water or Commodity.Heat ? WaterAndHeatLeadWorkdays : Math.Max(settings.AnnouncementLeadWorkdays, EnergyLeadWorkdays);
    }

    /// <summary>The provision interruption for payment arrears rests on, as a letter names it.</summary>
    public static string LegalBasis(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => "§ 19 StromGVV",
        Commodity.Gas => "§ 19 GasGVV",
        Commodity.Water => "§ 33 AVBWasserV",
        Commodity.Heat => "§ 33 AVBFernwärmeV",
        _ => throw new ArgumentOutOfRangeException(nameof(commodity), commodity, "Unknown commodity."),
    };

    // Each message written out where it becomes a Text (a return, not a branch of ?:), so that its holes stay holes.
    private static Text Counted(Commodity commodity, decimal counted, decimal threshold, decimal disputed)
    {
        if (commodity is Commodity.Water or Commodity.Heat)
        {
            if (disputed > 0)
            {
                return $"arrears {counted:0.00} € ({disputed:0.00} € disputed left out)";
            }

            return $"arrears {counted:0.00} €";
        }

        if (disputed > 0)
        {
            return $"arrears {counted:0.00} € reach the threshold of {threshold:0.00} € ({disputed:0.00} € disputed left out)";
        }

        return $"arrears {counted:0.00} € reach the threshold of {threshold:0.00} €";
    }

    private static Text Days(int days)
    {
        if (days == 1)
        {
            return "1 day";
        }

        return $"{days} days";
    }
}
