using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Identity;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Demo;

/// <summary>
/// Stores the generated demo utility and its staff in one transaction: all of it or nothing; then its dunning history
/// (<see cref="DemoArrears"/>), made by the billing and dunning code itself.
/// </summary>
public sealed class DemoLoader(StadtwerkDbContext db, StaffAccounts staff, DemoArrears arrears, TimeProvider clock)
{
    public async Task<DemoSummary> LoadAsync(bool withHistory, CancellationToken cancellationToken)
    {
        var data = DemoGenerator.Generate(DemoUtility.Seed);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await staff.EnsureRolesAsync();
        foreach (var (userName, displayName, role) in DemoUtility.Staff)
        {
            await staff.EnsureUserAsync(userName, $"{userName}@musterstadt.example", displayName, DemoUtility.StaffPassword, role);
        }

        db.Settings.Add(new UtilitySetting { Key = DemoUtility.NameSetting, Value = DemoUtility.Name });
        db.Settings.Add(new UtilitySetting { Key = DemoUtility.DemoSetting, Value = DemoUtility.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        db.Tariffs.AddRange(data.Tariffs);
        db.GasConversionFactors.AddRange(data.GasConversionFactors);
        db.Premises.AddRange(data.Premises);
        db.Customers.AddRange(data.Customers);
        // The demo's mandates were used by the system it came from until last month, as a migrated utility's are:
        // collected as RCUR, and valid for 36 months from then.
        var now = clock.GetUtcNow();
        var lastCollection = UtilityCalendar.Today(now).AddDays(-UtilityCalendar.Today(now).Day);
        foreach (var contract in data.Contracts)
        {
            contract.RecordMandateUse(lastCollection);
        }

        db.Contracts.AddRange(data.Contracts);
        db.Meters.AddRange(data.Meters);
        db.Readings.AddRange(data.Readings);
        var unpaid = withHistory ? DemoArrears.Choose(data.Contracts) : [];
        db.LedgerEntries.AddRange(InstallmentPayments(data, unpaid.Select(c => c.Id).ToHashSet()));
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var history = withHistory ? await arrears.LoadAsync(unpaid, now, cancellationToken) : null;
        return new DemoSummary(
            data.Customers.Count,
            data.Customers.Count(c => c.Kind == CustomerKind.Business),
            data.Premises.Count,
            data.Contracts.Count,
            data.Meters.Count,
            data.Readings.Count,
            data.Tariffs.Count,
            history);
    }

    /// <summary>
    /// The installments every demo customer paid in 2021 by the due dates of the contract's plan, so that the
    /// annual bills of 2021 credit them; all but the customers in arrears (<paramref name="unpaid"/>).
    /// </summary>
    private static IEnumerable<LedgerEntry> InstallmentPayments(DemoData data, HashSet<Guid> unpaid)
    {
        var paidAt = new DateTimeOffset(2021, 12, 31, 12, 0, 0, TimeSpan.Zero);
        foreach (var contract in data.Contracts)
        {
            if (contract.InstallmentPlan is not { Amount: > 0 } plan || unpaid.Contains(contract.Id))
            {
                continue;
            }

            foreach (var due in plan.DueDates())
            {
                if (due.Year == 2021 && due >= contract.StartDate && (contract.EndDate is null || due <= contract.EndDate))
                {
                    yield return LedgerEntry.Installment(contract, due, plan.Amount, InstallmentRequest.ReferenceFor(due), paidAt);
                }
            }
        }
    }
}
