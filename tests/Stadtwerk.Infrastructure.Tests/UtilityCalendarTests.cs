using Shouldly;

namespace Stadtwerk.Infrastructure.Tests;

public sealed class UtilityCalendarTests
{
    [Fact]
    public void Noon_is_twelve_o_clock_in_Berlin_in_summer_and_in_winter()
    {
        UtilityCalendar.Noon(new DateOnly(2026, 10, 20)).UtcDateTime.ShouldBe(new DateTime(2026, 10, 20, 10, 0, 0, DateTimeKind.Utc));
        UtilityCalendar.Noon(new DateOnly(2026, 12, 3)).UtcDateTime.ShouldBe(new DateTime(2026, 12, 3, 11, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Counting_back_calendar_days_from_a_late_winter_evening_keeps_the_days_apart()
    {
        // 23:30 in Berlin on 3 December; 44 and 30 days back are 20 October (summer time) and 3 November.
        var evening = new DateTimeOffset(2026, 12, 3, 22, 30, 0, TimeSpan.Zero);
        var today = UtilityCalendar.Today(evening);
        var early = UtilityCalendar.Today(UtilityCalendar.Noon(today.AddDays(-44)));
        var later = UtilityCalendar.Today(UtilityCalendar.Noon(today.AddDays(-30)));
        (later.DayNumber - early.DayNumber).ShouldBe(14);

        // What the demo did before: 44 × 24 hours back from that evening is already 21 October in Berlin.
        UtilityCalendar.Today(evening.AddDays(-44)).ShouldBe(new DateOnly(2026, 10, 21));
    }
}
