using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Billing;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>A Klärfall resolved: a reading corrected with its audit, or an unusual consumption confirmed by a clerk; on SQLite and PostgreSQL.</summary>
public abstract class HoldResolutionTests(AppFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StadtwerkApp App => fixture.App;

    [Fact]
    public async Task A_corrected_reading_keeps_its_old_value_reason_and_author_and_the_held_bill_then_issues()
    {
        var contract = await HeldContractAsync();
        using var client = await App.SignedInClientAsync();
        var meter = "Z" + contract[1..];
        var reading = await client.GetFromJsonAsync<JsonElement>($"/api/meters/{meter}/readings/2021-12-31", None);

        var corrected = await client.PutAsJsonAsync($"/api/meters/{meter}/readings/2021-12-31", new
        {
            value = 7000m, version = reading.GetProperty("version").GetInt32(), reason = "Tippfehler: eine Ziffer zu viel",
        }, None);
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync(None));

        await using (var db = App.OpenDb())
        {
            var change = await db.ReadingChanges.SingleAsync(c => c.MeterId == db.Meters.Single(m => m.MeterNumber == meter).Id, None);
            change.OldValue.ShouldBe(34000m);
            change.NewValue.ShouldBe(7000m);
            change.Reason.ShouldBe("Tippfehler: eine Ziffer zu viel");
            change.ChangedBy.ShouldNotBeNullOrWhiteSpace();
        }

        var bill = await client.PostAsJsonAsync($"/api/contracts/{contract}/bills", new { periodStart = "2021-01-01", periodEnd = "2021-12-31" }, None);
        bill.StatusCode.ShouldBe(HttpStatusCode.Created, await bill.Content.ReadAsStringAsync(None));
        await using (var db = App.OpenDb())
        {
            var hold = await db.BillingHolds.SingleAsync(h => h.ContractId == db.Contracts.Single(c => c.ContractNumber == contract).Id, None);
            hold.ReleasedAt.ShouldNotBeNull("the bill closes the case");
            hold.ReleasedBy.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task A_clerk_confirms_an_unusual_consumption_with_a_reason_and_the_held_period_is_billed_once()
    {
        var contract = await HeldContractAsync();
        Guid holdId;
        await using (var db = App.OpenDb())
        {
            holdId = (await db.BillingHolds.SingleAsync(h => h.ContractId == db.Contracts.Single(c => c.ContractNumber == contract).Id, None)).Id;
        }

        using var scope = App.Services.CreateScope();
        var confirm = scope.ServiceProvider.GetRequiredService<ConfirmConsumption>();

        // Without a reason nothing happens.
        (await confirm.RunAsync(contract, holdId, "  ", "clerk-a", None)).ShouldBeOfType<BillContractResult.Invalid>().Field.ShouldBe("reason");

        var issued = (await confirm.RunAsync(contract, holdId, "Neue Wärmepumpe seit März", "clerk-a", None)).ShouldBeOfType<BillContractResult.Issued>();
        issued.Bill.Quantity.ShouldBe(30000L);
        var again = (await confirm.RunAsync(contract, holdId, "Neue Wärmepumpe seit März", "clerk-a", None)).ShouldBeOfType<BillContractResult.Issued>();
        again.Repeated.ShouldBeTrue("a second click answers with the first bill");
        again.Bill.Number.ShouldBe(issued.Bill.Number);

        await using (var db = App.OpenDb())
        {
            var hold = await db.BillingHolds.SingleAsync(h => h.Id == holdId, None);
            hold.ReleasedBy.ShouldBe("clerk-a");
            hold.ReleaseNote.ShouldBe("Neue Wärmepumpe seit März");
            (await db.IssuedBills.CountAsync(b => b.ContractId == hold.ContractId && b.PeriodEnd == new DateOnly(2021, 12, 31), None)).ShouldBe(1);
        }
    }

    /// <summary>A contract billed for 2020 (3,000 kWh) whose 2021 reading has a digit too many (30,000 kWh): the 2021 bill is held.</summary>
    private async Task<string> HeldContractAsync()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2019-12-31", 1000m), ("2020-12-31", 4000m), ("2021-12-31", 34000m)]);
        }

        using var client = await App.SignedInClientAsync();
        var first = await client.PostAsJsonAsync($"/api/contracts/{contract}/bills", new { periodStart = "2020-01-01", periodEnd = "2020-12-31" }, None);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(None));
        await client.PostAsJsonAsync($"/api/contracts/{contract}/bills", new { periodStart = "2021-01-01", periodEnd = "2021-12-31" }, None);
        await using (var db = App.OpenDb())
        {
            var hold = await db.BillingHolds.SingleAsync(h => h.ContractId == db.Contracts.Single(c => c.ContractNumber == contract).Id, None);
            hold.Reason.ShouldBe(HoldReason.ConsumptionTooHigh);
        }

        return contract;
    }
}

public sealed class HoldResolutionOnSqliteTests(SqliteAppFixture fixture) : HoldResolutionTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class HoldResolutionOnPostgresTests(PostgresAppFixture fixture) : HoldResolutionTests(fixture), IClassFixture<PostgresAppFixture>;
