using System.Collections.Immutable;

namespace Stadtwerk.Core.Billing;

/// <summary>Monthly due dates of an installment plan.</summary>
public static class InstallmentSchedule
{
    /// <summary>
    /// <paramref name="count"/> monthly dates from <paramref name="firstDue"/> on the same day of the month;
    /// if the first is a month's last day, every date is; a day a month lacks becomes its last day.
    /// </summary>
    public static ImmutableArray<DateOnly> DueDates(DateOnly firstDue, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var endOfMonth = firstDue == firstDue.LastDayOfMonth();
        var dues = ImmutableArray.CreateBuilder<DateOnly>(count);
        var month = new DateOnly(firstDue.Year, firstDue.Month, 1);
        for (var i = 0; i < count; i++)
        {
            var daysInMonth = month.DaysInMonth();
            var day = endOfMonth ? daysInMonth : Math.Min(firstDue.Day, daysInMonth);
            dues.Add(new DateOnly(month.Year, month.Month, day));
            month = month.AddMonths(1);
        }

        return dues.MoveToImmutable();
    }
}
