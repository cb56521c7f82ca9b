using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The January peak in small: every contract of the demo utility is billed for 2021, and every stored bill
/// replays through calculate to the same cent.
/// </summary>
public abstract class DemoBillingTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Every_demo_contract_is_billed_for_2021_and_every_stored_bill_replays_to_the_cent()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database, loadDemo: true);
        _ = app.Server;
        var year = BillingPeriod.Create(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));

        // With its dunning history, the demo's customers in arrears were billed before (DemoArrears): every other contract is billed here.
        List<string> contracts;
        int billedBefore;
        await using (var db = app.OpenDb())
        {
            billedBefore = await db.IssuedBills.CountAsync(TestContext.Current.CancellationToken);
            contracts = await db.Contracts.AsNoTracking()
                .Where(c => c.StartDate <= year.End && (c.EndDate == null || c.EndDate >= year.Start) && !db.IssuedBills.Any(b => b.ContractId == c.Id))
                .OrderBy(c => c.ContractNumber).Select(c => c.ContractNumber).ToListAsync(TestContext.Current.CancellationToken);
        }

        var holds = new List<string>();
        foreach (var chunk in contracts.Chunk(200))
        {
            using var scope = app.Services.CreateScope();
            var billing = scope.ServiceProvider.GetRequiredService<BillContract>();
            foreach (var contract in chunk)
            {
                var result = await billing.RunAsync(contract, year, idempotencyKey: null, TestContext.Current.CancellationToken);
                if (result is BillContractResult.Held held)
                {
                    holds.Add($"{contract}: {held.Hold.Reason} {held.Hold.Details}");
                }
                else
                {
                    result.ShouldBeOfType<BillContractResult.Issued>(contract);
                }
            }
        }

        await using var check = app.OpenDb();
        var bills = await check.IssuedBills.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        (bills.Count + holds.Count).ShouldBe(contracts.Count + billedBefore);
        holds.Count.ShouldBeLessThan(contracts.Count / 20, string.Join("\n", holds.Take(20)));
        foreach (var bill in bills)
        {
            var input = BillInputJson.Parse(bill.InputJson);
            input.Error.ShouldBeNull(bill.Number);
            var replay = BillCalculator.Calculate(input.Value!).ShouldBeOfType<CalculationResult.Calculated>(bill.Number);
            BillJson.Write(replay.Bill).ShouldBe(bill.OutputJson, bill.Number);
        }

        bills.Select(b => b.Number).Order(StringComparer.Ordinal).Select(n => long.Parse(n[5..], System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(Enumerable.Range(1, bills.Count).Select(i => (long)i), "bill numbers are gap-free");
    }

    [Fact]
    public async Task The_demo_shows_every_dunning_step_on_its_first_day_and_its_past_letters_were_printed()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database, loadDemo: true, settings: new Dictionary<string, string> { ["Demo:History"] = "true" });
        _ = app.Server;
        using var scope = app.Services.CreateScope();
        var proposals = await scope.ServiceProvider.GetRequiredService<Stadtwerk.Infrastructure.Payments.Dunning>().ProposeAsync(TestContext.Current.CancellationToken);
        var open = proposals.Where(p => p.BlockedBy is null).Select(p => p.Proposal.Level).Order().ToList();
        open.ShouldBe([Core.Accounts.DunningLevel.Reminder, Core.Accounts.DunningLevel.Notice, Core.Accounts.DunningLevel.DisconnectionThreat, Core.Accounts.DunningLevel.DisconnectionAnnouncement]);
        proposals.Single(p => p.Proposal.Level == Core.Accounts.DunningLevel.DisconnectionThreat).Commodity.ShouldBeOneOf(Commodity.Electricity, Commodity.Gas);
        Stadtwerk.Web.Pages.EngineText.Localize(proposals.Where(p => p.BlockedBy is not null).ShouldHaveSingleItem().BlockedBy!, System.Globalization.CultureInfo.GetCultureInfo("de-DE")).ShouldContain("Mahnsperre");

        // The letters of the past runs went out then: nothing of them waits for the next print batch.
        await using var db = app.OpenDb();
        (await db.DunningNotices.CountAsync(n => n.Channel == DispatchChannel.Print && n.PrintBatchId == null, TestContext.Current.CancellationToken)).ShouldBe(0);
        (await db.StoredDocuments.CountAsync(d => d.Channel == DispatchChannel.Print && d.PrintBatchId == null, TestContext.Current.CancellationToken)).ShouldBe(0);
        (await db.DunningNotices.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(7);
    }
}

public sealed class DemoBillingOnSqliteTests() : DemoBillingTests(DatabaseProvider.Sqlite);

public sealed class DemoBillingOnPostgresTests() : DemoBillingTests(DatabaseProvider.Postgres);
