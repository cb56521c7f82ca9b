using Shouldly;
using Stadtwerk.Core.Accounts;

namespace Stadtwerk.Core.Tests.Accounts;

public sealed class OpenItemsTests
{
    private static readonly DateOnly Today = new(2027, 3, 10);

    private static AccountItem Installment(int month, decimal amount = 50m) =>
        new(OpenItemKind.Installment, $"Abschlag {month:00}/2027", new DateOnly(2027, month, 1).AddMonths(1).AddDays(-1), amount);

    [Fact]
    public void Money_without_a_reference_pays_the_oldest_item_first()
    {
        var view = OpenItems.Allocate([Installment(3), Installment(1), Installment(2)], [new AccountCredit(Today, 75m, "bank-1")], Today);

        view.Items.Select(i => (i.Reference, i.Settled, i.Status)).ShouldBe([
            ("Abschlag 01/2027", 50m, OpenItemStatus.Settled),
            ("Abschlag 02/2027", 25m, OpenItemStatus.Overdue),
            ("Abschlag 03/2027", 0m, OpenItemStatus.NotDue),
        ]);
        (view.Open, view.Overdue, view.UnallocatedCredit).ShouldBe((75m, 25m, 0m));
    }

    [Fact]
    public void A_payment_naming_a_bill_pays_that_bill_first_and_the_rest_goes_to_the_oldest()
    {
        var bill = new AccountItem(OpenItemKind.Bill, "Rechnung 2027-0000001", new DateOnly(2027, 2, 14), 120m, "2027-0000001");
        var view = OpenItems.Allocate([Installment(1), bill], [new AccountCredit(Today, 150m, "bank-1", "2027-0000001")], Today);

        view.Items.Single(i => i.Kind == OpenItemKind.Bill).Status.ShouldBe(OpenItemStatus.Settled);
        view.Items.Single(i => i.Kind == OpenItemKind.Installment).Settled.ShouldBe(30m);
    }

    [Fact]
    public void A_returned_debit_opens_again_what_it_had_paid_and_what_no_credit_covers_is_an_item()
    {
        var paid = new AccountCredit(new DateOnly(2027, 1, 31), 50m, "collected");
        var returned = new AccountCredit(new DateOnly(2027, 2, 5), -50m, "returned");

        OpenItems.Allocate([Installment(1)], [paid, returned], Today).Items.Single().Status.ShouldBe(OpenItemStatus.Overdue);

        var uncovered = OpenItems.Allocate([], [new AccountCredit(Today, -20m, "payout")], Today);
        uncovered.Items.ShouldHaveSingleItem().Kind.ShouldBe(OpenItemKind.Uncovered);
        uncovered.Open.ShouldBe(20m);
    }

    [Fact]
    public void Credit_no_item_needs_stays_on_the_account_and_today_is_due_not_overdue()
    {
        var view = OpenItems.Allocate([new AccountItem(OpenItemKind.DunningFee, "Mahngebühr", Today, 2.5m)], [new AccountCredit(Today, 10m, "bank")], Today);
        view.UnallocatedCredit.ShouldBe(7.5m);

        OpenItems.Allocate([new AccountItem(OpenItemKind.DunningFee, "Mahngebühr", Today, 2.5m)], [], Today).Items.Single().Status.ShouldBe(OpenItemStatus.Open);
    }
}
