using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Tests.Accounts;

public sealed class DunningPolicyTests
{
    private static readonly DunningSettings Settings = new();
    private static readonly DateOnly Today = new(2027, 3, 15);

    // An installment of 61 € due 14 days ago and a bill of 150 € due 10 days ago: 211 € arrears.
    private static readonly OverdueItem[] Overdue = [new("Abschlag 03/2027", Today.AddDays(-14), 61m), new("Rechnung 2027-0000012", Today.AddDays(-10), 150m)];

    [Fact]
    public void Nothing_is_sent_without_open_items()
    {
        DunningPolicy.Next(Commodity.Electricity, null, null, [], 61m, 0m, Today, Settings).ShouldBeNull();
        DunningPolicy.Next(Commodity.Electricity, null, null, [new("Abschlag 03/2027", Today.AddDays(-30), 0m)], 61m, 0m, Today, Settings).ShouldBeNull();
    }

    [Fact]
    public void Items_not_yet_due_and_disputed_items_alone_are_not_dunned()
    {
        DunningPolicy.Next(Commodity.Electricity, null, null, [new("Abschlag 04/2027", Today, 61m)], 61m, 0m, Today, Settings).ShouldBeNull();
        DunningPolicy.Next(Commodity.Electricity, null, null, [new("Rechnung 2027-0000012", Today.AddDays(-30), 150m, Disputed: true)], 61m, 0m, Today, Settings).ShouldBeNull();
    }

    [Fact]
    public void The_reminder_comes_when_the_oldest_item_is_seven_days_past_due()
    {
        OverdueItem[] young = [new("Abschlag 03/2027", Today.AddDays(-6), 61m)];
        DunningPolicy.Next(Commodity.Electricity, null, null, young, 61m, 0m, Today, Settings).ShouldBeNull();

        OverdueItem[] due = [new("Abschlag 03/2027", Today.AddDays(-14), 61m)];
        var reminder = DunningPolicy.Next(Commodity.Electricity, null, null, due, 61m, 0m, Today, Settings).ShouldNotBeNull();
        reminder.Level.ShouldBe(DunningLevel.Reminder);
        reminder.Arrears.ShouldBe(61m);
        reminder.Disputed.ShouldBe(0m);
        reminder.Fee.ShouldBe(0m);
        reminder.PayBy.ShouldBe(Today.AddDays(14));
        reminder.DisconnectionFrom.ShouldBeNull();
        reminder.Reason.ToString().ShouldBe("payment reminder: 61.00 € due for 14 days");
    }

    [Fact]
    public void The_notice_comes_fourteen_days_after_the_reminder_with_the_fee()
    {
        DunningPolicy.Next(Commodity.Electricity, DunningLevel.Reminder, Today.AddDays(-13), Overdue, 61m, 0m, Today, Settings).ShouldBeNull();

        var notice = DunningPolicy.Next(Commodity.Electricity, DunningLevel.Reminder, Today.AddDays(-14), Overdue, 61m, 0m, Today, Settings).ShouldNotBeNull();
        notice.Level.ShouldBe(DunningLevel.Notice);
        notice.Fee.ShouldBe(2.50m);
        notice.Arrears.ShouldBe(211m);
        notice.PayBy.ShouldBe(Today.AddDays(14));
        notice.Reason.ToString().ShouldContain("dunning notice: 211.00 € open");
        notice.Reason.ToString().ShouldContain("2027-03-01");
    }

    [Fact]
    public void The_threat_comes_fourteen_days_after_the_notice_when_the_threshold_is_reached()
    {
        DunningPolicy.Next(Commodity.Electricity, DunningLevel.Notice, Today.AddDays(-13), Overdue, 61m, 0m, Today, Settings).ShouldBeNull();

        var threat = DunningPolicy.Next(Commodity.Electricity, DunningLevel.Notice, Today.AddDays(-14), Overdue, 61m, 0m, Today, Settings).ShouldNotBeNull();
        threat.Level.ShouldBe(DunningLevel.DisconnectionThreat);
        threat.Fee.ShouldBe(0m);
        threat.Arrears.ShouldBe(211m);
        threat.DisconnectionFrom.ShouldBe(Today.AddDays(28), "interruption four weeks after the threat at the earliest");
        threat.Reason.ToString().ShouldContain("§ 19 StromGVV");
        threat.Reason.ToString().ShouldContain("threshold of 122.00 €");
    }

    [Fact]
    public void Below_the_threshold_the_procedure_rests_at_the_notice()
    {
        // 2 × 61 € = 122 €, but at least 100 €: 110 € do not reach 122 €.
        OverdueItem[] small = [new("Abschlag 02/2027", Today.AddDays(-40), 55m), new("Abschlag 03/2027", Today.AddDays(-12), 55m)];
        DunningPolicy.Next(Commodity.Electricity, DunningLevel.Notice, Today.AddDays(-30), small, 61m, 0m, Today, Settings).ShouldBeNull();
        DunningPolicy.Next(Commodity.Gas, DunningLevel.Notice, Today.AddDays(-30), small, 61m, 0m, Today, Settings).ShouldBeNull();
    }

    [Fact]
    public void The_threshold_is_twice_the_installment_and_at_least_100_euros()
    {
        DunningPolicy.DisconnectionArrears(Commodity.Electricity, [new("A", Today, 122m)], 61m, 0m, Settings).ShouldBe((122m, 122m, true));
        DunningPolicy.DisconnectionArrears(Commodity.Electricity, [new("A", Today, 121.99m)], 61m, 0m, Settings).ShouldBe((121.99m, 122m, false));
        // Twice a 30 € installment is 60 €: the 100 € floor applies.
        DunningPolicy.DisconnectionArrears(Commodity.Gas, [new("A", Today, 99.99m)], 30m, 0m, Settings).ShouldBe((99.99m, 100m, false));
        DunningPolicy.DisconnectionArrears(Commodity.Gas, [new("A", Today, 100m)], 30m, 0m, Settings).ShouldBe((100m, 100m, true));
    }

    [Fact]
    public void Without_installments_the_threshold_is_a_sixth_of_the_expected_annual_bill()
    {
        DunningPolicy.DisconnectionArrears(Commodity.Electricity, [new("A", Today, 200m)], 0m, 1_500m, Settings).ShouldBe((200m, 250m, false));
        DunningPolicy.DisconnectionArrears(Commodity.Electricity, [new("A", Today, 250m)], 0m, 1_500m, Settings).Reached.ShouldBeTrue();
        // A sixth of 420 € is 70 €: the floor of 100 € applies.
        DunningPolicy.DisconnectionArrears(Commodity.Electricity, [new("A", Today, 90m)], 0m, 420m, Settings).ShouldBe((90m, 100m, false));
    }

    [Fact]
    public void Disputed_amounts_are_deducted_from_the_arrears_that_count()
    {
        OverdueItem[] items = [new("Rechnung 2027-0000012", Today.AddDays(-30), 150m, Disputed: true), new("Abschlag 03/2027", Today.AddDays(-14), 61m), new("Abschlag 02/2027", Today.AddDays(-42), 61m)];
        DunningPolicy.DisconnectionArrears(Commodity.Electricity, items, 61m, 0m, Settings).ShouldBe((122m, 122m, true));
        DunningPolicy.DisconnectionArrears(Commodity.Electricity, items, 80m, 0m, Settings).ShouldBe((122m, 160m, false), "272 € open, but the disputed 150 € do not count");

        var threat = DunningPolicy.Next(Commodity.Electricity, DunningLevel.Notice, Today.AddDays(-14), items, 61m, 0m, Today, Settings).ShouldNotBeNull();
        threat.Arrears.ShouldBe(122m);
        threat.Disputed.ShouldBe(150m);
        threat.Reason.ToString().ShouldContain("150.00 € disputed left out");
        DunningPolicy.Next(Commodity.Electricity, DunningLevel.Notice, Today.AddDays(-14), items, 80m, 0m, Today, Settings).ShouldBeNull();
    }

    [Fact]
    public void Water_and_heat_have_no_floor()
    {
        OverdueItem[] small = [new("Abschlag Wasser 03/2027", Today.AddDays(-30), 24m)];
        DunningPolicy.DisconnectionArrears(Commodity.Water, small, 24m, 0m, Settings).ShouldBe((24m, 0m, true));
        DunningPolicy.DisconnectionArrears(Commodity.Heat, small, 24m, 0m, Settings).Reached.ShouldBeTrue();
        DunningPolicy.DisconnectionArrears(Commodity.Water, [new("A", Today, 24m, Disputed: true)], 24m, 0m, Settings).ShouldBe((0m, 0m, false));

        var threat = DunningPolicy.Next(Commodity.Water, DunningLevel.Notice, Today.AddDays(-14), small, 24m, 0m, Today, Settings).ShouldNotBeNull();
        threat.Level.ShouldBe(DunningLevel.DisconnectionThreat);
        threat.DisconnectionFrom.ShouldBe(Today.AddDays(14), "two weeks after the threat (§ 33 AVBWasserV)");
        threat.Reason.ToString().ShouldContain("§ 33 AVBWasserV");
        DunningPolicy.Next(Commodity.Electricity, DunningLevel.Notice, Today.AddDays(-14), small, 24m, 0m, Today, Settings).ShouldBeNull("electricity needs 100 €");
    }

    [Fact]
    public void The_electricity_announcement_comes_four_weeks_after_the_threat_eight_working_days_ahead()
    {
        DunningPolicy.Next(Commodity.Electricity, DunningLevel.DisconnectionThreat, Today.AddDays(-27), Overdue, 61m, 0m, Today, Settings).ShouldBeNull();

        // Monday 15.03.2027 plus eight working days (Saturdays count): 16., 17., 18., 19., 20., 22., 23., 24. March.
        var announcement = DunningPolicy.Next(Commodity.Electricity, DunningLevel.DisconnectionThreat, Today.AddDays(-28), Overdue, 61m, 0m, Today, Settings).ShouldNotBeNull();
        announcement.Level.ShouldBe(DunningLevel.DisconnectionAnnouncement);
        announcement.DisconnectionFrom.ShouldBe(new DateOnly(2027, 3, 24));
        announcement.PayBy.ShouldBe(new DateOnly(2027, 3, 23), "payment is asked for before the interruption, not after");
        announcement.Fee.ShouldBe(0m);
        announcement.Reason.ToString().ShouldStartWith("announcement of interruption from 2027-03-24");
    }

    [Fact]
    public void A_longer_configured_wait_after_the_threat_is_kept_and_a_shorter_one_is_not()
    {
        var longer = Settings with { AnnouncementAfterDays = 35 };
        DunningPolicy.Next(Commodity.Gas, DunningLevel.DisconnectionThreat, Today.AddDays(-34), Overdue, 61m, 0m, Today, longer).ShouldBeNull();
        DunningPolicy.Next(Commodity.Gas, DunningLevel.DisconnectionThreat, Today.AddDays(-35), Overdue, 61m, 0m, Today, longer).ShouldNotBeNull();

        var shorter = Settings with { AnnouncementAfterDays = 10, AnnouncementLeadWorkdays = 3 };
        DunningPolicy.Next(Commodity.Gas, DunningLevel.DisconnectionThreat, Today.AddDays(-27), Overdue, 61m, 0m, Today, shorter).ShouldBeNull("four weeks by law");
        DunningPolicy.Next(Commodity.Gas, DunningLevel.DisconnectionThreat, Today.AddDays(-28), Overdue, 61m, 0m, Today, shorter)!
            .DisconnectionFrom.ShouldBe(new DateOnly(2027, 3, 24), "eight working days by law");
    }

    [Fact]
    public void The_water_announcement_comes_two_weeks_after_the_threat_three_working_days_ahead()
    {
        OverdueItem[] items = [new("Abschlag Wasser 03/2027", Today.AddDays(-40), 24m)];
        DunningPolicy.Next(Commodity.Water, DunningLevel.DisconnectionThreat, Today.AddDays(-13), items, 24m, 0m, Today, Settings).ShouldBeNull();

        var announcement = DunningPolicy.Next(Commodity.Heat, DunningLevel.DisconnectionThreat, Today.AddDays(-14), items, 24m, 0m, Today, Settings).ShouldNotBeNull();
        announcement.Level.ShouldBe(DunningLevel.DisconnectionAnnouncement);
        announcement.DisconnectionFrom.ShouldBe(new DateOnly(2027, 3, 18));
        announcement.PayBy.ShouldBe(new DateOnly(2027, 3, 17));
    }

    [Fact]
    public void No_announcement_when_the_arrears_fell_below_the_threshold_after_the_threat()
    {
        OverdueItem[] rest = [new("Abschlag 03/2027", Today.AddDays(-14), 61m)];
        DunningPolicy.Next(Commodity.Electricity, DunningLevel.DisconnectionThreat, Today.AddDays(-30), rest, 61m, 0m, Today, Settings).ShouldBeNull();
    }

    [Fact]
    public void Nothing_follows_the_announcement()
    {
        foreach (var commodity in Enum.GetValues<Commodity>())
        {
            DunningPolicy.Next(commodity, DunningLevel.DisconnectionAnnouncement, Today.AddDays(-60), Overdue, 61m, 0m, Today, Settings).ShouldBeNull();
        }
    }

    [Fact]
    public void A_level_without_its_date_is_refused()
    {
        Should.Throw<ArgumentException>(() => DunningPolicy.Next(Commodity.Electricity, DunningLevel.Reminder, null, Overdue, 61m, 0m, Today, Settings));
    }

    [Fact]
    public void The_whole_procedure_for_electricity_takes_its_statutory_steps()
    {
        OverdueItem[] items = [new("Rechnung 2027-0000012", new DateOnly(2027, 1, 15), 300m)];
        var day = new DateOnly(2027, 1, 15);
        DunningLevel? last = null;
        DateOnly? lastOn = null;
        var sent = new List<(DunningLevel Level, DateOnly On)>();
        for (var i = 0; i < 120; i++, day = day.AddDays(1))
        {
            if (DunningPolicy.Next(Commodity.Electricity, last, lastOn, items, 100m, 0m, day, Settings) is { } proposal)
            {
                sent.Add((proposal.Level, day));
                (last, lastOn) = (proposal.Level, day);
            }
        }

        sent.ShouldBe(
        [
            (DunningLevel.Reminder, new DateOnly(2027, 1, 22)),
            (DunningLevel.Notice, new DateOnly(2027, 2, 5)),
            (DunningLevel.DisconnectionThreat, new DateOnly(2027, 2, 19)),
            (DunningLevel.DisconnectionAnnouncement, new DateOnly(2027, 3, 19)),
        ]);
    }

    [Fact]
    public void Easter_is_computed_for_any_year()
    {
        DunningPolicy.EasterSunday(2024).ShouldBe(new DateOnly(2024, 3, 31));
        DunningPolicy.EasterSunday(2026).ShouldBe(new DateOnly(2026, 4, 5));
        DunningPolicy.EasterSunday(2027).ShouldBe(new DateOnly(2027, 3, 28));
        DunningPolicy.EasterSunday(2038).ShouldBe(new DateOnly(2038, 4, 25));
    }

    [Fact]
    public void Working_days_skip_Sundays_and_the_Easter_holidays_of_2027()
    {
        // Karfreitag 26.03.2027, Ostersonntag 28.03., Ostermontag 29.03.; Saturday 27.03. is a Werktag.
        DunningPolicy.AddWorkdays(new DateOnly(2027, 3, 25), 1).ShouldBe(new DateOnly(2027, 3, 27));
        DunningPolicy.AddWorkdays(new DateOnly(2027, 3, 25), 2).ShouldBe(new DateOnly(2027, 3, 30));
        DunningPolicy.AddWorkdays(new DateOnly(2027, 3, 22), 8).ShouldBe(new DateOnly(2027, 4, 2));
        // Christi Himmelfahrt 06.05.2027, Pfingstmontag 17.05.2027.
        DunningPolicy.AddWorkdays(new DateOnly(2027, 5, 5), 1).ShouldBe(new DateOnly(2027, 5, 7));
        DunningPolicy.AddWorkdays(new DateOnly(2027, 5, 15), 1).ShouldBe(new DateOnly(2027, 5, 18));
        DunningPolicy.AddWorkdays(new DateOnly(2027, 3, 25), 0).ShouldBe(new DateOnly(2027, 3, 25));
    }

    [Fact]
    public void Working_days_skip_Christmas_and_New_Year()
    {
        // 2026: Christmas Friday and Saturday, Sunday 27.12.; Neujahr 2027 a Friday.
        DunningPolicy.AddWorkdays(new DateOnly(2026, 12, 24), 1).ShouldBe(new DateOnly(2026, 12, 28));
        DunningPolicy.AddWorkdays(new DateOnly(2026, 12, 23), 8).ShouldBe(new DateOnly(2027, 1, 5));
        DunningPolicy.AddWorkdays(new DateOnly(2026, 9, 30), 3).ShouldBe(new DateOnly(2026, 10, 5), "Tag der Deutschen Einheit falls on Saturday 03.10.2026, otherwise a Werktag");
        DunningPolicy.AddWorkdays(new DateOnly(2027, 4, 30), 1).ShouldBe(new DateOnly(2027, 5, 3), "1. Mai 2027 is a Saturday, then Sunday");
        DunningPolicy.IsNationwideHoliday(new DateOnly(2027, 10, 3)).ShouldBeTrue();
        DunningPolicy.IsWorkday(new DateOnly(2027, 10, 2)).ShouldBeTrue("a Saturday is a Werktag");
        Should.Throw<ArgumentOutOfRangeException>(() => DunningPolicy.AddWorkdays(new DateOnly(2026, 12, 24), -1));
    }
}
