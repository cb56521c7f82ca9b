using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Tests.Accounts;

public sealed class CollectionScheduleTests
{
    private static readonly DateOnly Today = new(2022, 1, 20);

    [Fact]
    public void Without_agreements_the_installments_are_collected()
    {
        var plan = InstallmentPlan.Create(80m, new DateOnly(2022, 2, 28), 3).Value;

        CollectionSchedule.From(plan, [], Today).Select(c => (c.Due, c.Amount))
            .ShouldBe([(new DateOnly(2022, 2, 28), 80m), (new DateOnly(2022, 3, 31), 80m), (new DateOnly(2022, 4, 30), 80m)]);
    }

    [Fact]
    public void Installments_already_due_are_not_collected_again()
    {
        var plan = InstallmentPlan.Create(80m, new DateOnly(2021, 12, 31), 3).Value;

        CollectionSchedule.From(plan, [], Today).Select(c => c.Due).ShouldBe([new DateOnly(2022, 1, 31), new DateOnly(2022, 2, 28)]);
    }
}
