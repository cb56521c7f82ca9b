using Stadtwerk.Core;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

/// <summary>The outcome of billing one contract.</summary>
public abstract record BillContractResult
{
    private BillContractResult()
    {
    }

    /// <summary>The bill was issued now, or earlier under the same idempotency key (<see cref="Repeated"/>).</summary>
    public sealed record Issued(IssuedBill Bill, bool Repeated) : BillContractResult;

    /// <summary>The bill is held for a clerk (Klärfall).</summary>
    public sealed record Held(BillingHold Hold) : BillContractResult;

    public sealed record NotFound(string What) : BillContractResult;

    /// <summary>The period is billed already, or someone changed the contract at the same moment.</summary>
    public sealed record Conflict(string Field, Text Text) : BillContractResult
    {
        /// <summary>The English message, as the API answers.</summary>
        public string Message => Text.ToString();
    }

    /// <summary>The requested period cannot be billed: in the future, too long, or leaving days unbilled.</summary>
    public sealed record Invalid(string Field, Text Text) : BillContractResult
    {
        /// <summary>The English message, as the API answers.</summary>
        public string Message => Text.ToString();
    }
}

/// <summary>Average annual quantities of comparable customers (meter units before gas conversion: kWh, m³), for estimates without history.</summary>
/// <param name="RefundApprovalLimit">A credit paid out above this amount needs a second person's approval.</param>
public sealed record BillingSettings(decimal ElectricityKwh = 3_000m, decimal GasKwh = 15_000m, decimal WaterCubicMetres = 90m, decimal HeatKwh = 10_000m, int NextPlanCount = 11, decimal RefundApprovalLimit = 500m)
{
    public decimal AverageAnnualQuantity(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => ElectricityKwh,
        Commodity.Gas => GasKwh,
        Commodity.Water => WaterCubicMetres,
        Commodity.Heat => HeatKwh,
        _ => throw new ArgumentOutOfRangeException(nameof(commodity)),
    };
}

/// <summary>
/// Issues the annual bill of one contract for a period from stored data (Jahresabrechnung): readings at the
/// period ends, estimated where missing; plausibility against the last bill (else a Klärfall); a gap-free bill
/// number; the estimates stored as readings; the bill's gross booked on the contract account; the next
/// installment plan on the contract. One transaction: all of it or nothing. An idempotency key makes a
/// repeated request return the first bill.
/// </summary>
public sealed class BillContract(StadtwerkDbContext db, TimeProvider clock, BillingSettings settings)
{
    /// <summary>The longest period one bill covers (two years, e.g. a first bill after a move-in).</summary>
    public const int MaxPeriodDays = 731;

    public async Task<BillContractResult> RunAsync(string contractNumber, BillingPeriod period, string? idempotencyKey, CancellationToken ct, IssuedBill? replaces = null, BillKind kind = BillKind.AnnualBill, string? issuedBy = null, string? consumptionConfirmation = null)
    {
        if (idempotencyKey is not null && await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.IdempotencyKey == idempotencyKey, ct) is { } earlier)
        {
            // A repeat must ask for the same thing; a key reused for another contract or period is a client error.
            var sameRequest = earlier.Kind != BillKind.Cancellation && earlier.PeriodEnd <= period.End && earlier.PeriodStart >= period.Start
                && await db.Contracts.AnyAsync(c => c.Id == earlier.ContractId && c.ContractNumber == contractNumber, ct);
            return sameRequest
                ? new BillContractResult.Issued(earlier, Repeated: true)
                : new BillContractResult.Invalid("Idempotency-Key", $"the key was used for bill {earlier.Number}, another request");
        }

        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return new BillContractResult.NotFound($"Contract {contractNumber}");
        }

        var billed = await db.ActiveBills(contract.Id)
            .Where(b => b.PeriodStart <= period.End && b.PeriodEnd >= period.Start)
            .Select(b => b.Number).FirstOrDefaultAsync(ct);
        if (billed is not null)
        {
            return new BillContractResult.Conflict("periodEnd", $"contract {contractNumber} is billed for these days already (bill {billed})");
        }

        var now = clock.GetUtcNow();
        var issuedOn = Stadtwerk.Infrastructure.UtilityCalendar.Today(now);
        if (period.End >= issuedOn)
        {
            return new BillContractResult.Invalid("periodEnd", $"{period.End} is not over yet; a period can be billed from the day after its end");
        }

        if (period.Days > MaxPeriodDays)
        {
            return new BillContractResult.Invalid("periodStart", $"a bill covers at most {MaxPeriodDays} days; this period has {period.Days}");
        }

        var lastBilled = await db.ActiveBills(contract.Id).MaxAsync(b => (DateOnly?)b.PeriodEnd, ct);
        if (replaces is null && lastBilled is { } last && period.Start > last.AddDays(1))
        {
            return new BillContractResult.Invalid("periodStart", $"the last bill ends on {last}; the next period starts on {last.AddDays(1)}, else days stay unbilled");
        }

        if (replaces is not null)
        {
            kind = replaces.Kind;
        }
        else if (contract.EndDate is { } ended && ended <= period.End)
        {
            kind = BillKind.FinalBill;
        }

        var data = await LoadAsync(contract, period, ct);
        // Only the latest period of a running contract sets the next installments (a correction of an older year does not).
        var latest = lastBilled is null || period.End >= lastBilled;
        var plan = kind == BillKind.AnnualBill && latest && contract.EndDate is null ? PlanRequest.Create(settings.NextPlanCount, ContractBilling.FirstInstallmentDue(issuedOn)) : null;
        switch (ContractBilling.Decide(data, period, plan, consumptionConfirmed: consumptionConfirmation is not null))
        {
            case BillDecision.Hold hold:
                return await HoldAsync(contract, hold.Period, hold.Reason, hold.Text, now, ct);
            case BillDecision.Issue(var input, var bill, var estimates):
                return await IssueAsync(kind, contract, input, bill, estimates, issuedOn, idempotencyKey, now, replaces, issuedBy, consumptionConfirmation, ct);
            default:
                throw new InvalidOperationException("Unknown billing decision.");
        }
    }

    private async Task<BillContractResult> IssueAsync(
        BillKind kind,
        Contract contract, BillInput input, Bill bill, IReadOnlyList<EstimatedReading> estimates, DateOnly issuedOn, string? idempotencyKey, DateTimeOffset now, IssuedBill? replaces, string? issuedBy, string? confirmation, CancellationToken ct)
    {
        // Join the caller's transaction (a correction cancels and rebills as one), else open one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var sequence = await BillNumbers.NextAsync(db, issuedOn.Year, ct);
            var balance = await AccountBalances.OfAsync(db, contract.Id, ct);
            var rows = IssueDocument.Bill(kind, issuedOn.Year, sequence, contract, new BillDecision.Issue(input, bill, estimates), issuedOn, balance, idempotencyKey, replaces, issuedBy ?? "system", settings, now);
            rows.AddTo(db);
            var issued = rows.Bill;
            var resolved = await db.BillingHolds.Where(h => h.ContractId == contract.Id && h.ReleasedAt == null && h.PeriodStart <= input.Period.End && h.PeriodEnd >= input.Period.Start).ToListAsync(ct);
            foreach (var hold in resolved)
            {
                hold.Release(now, issuedBy ?? "system", confirmation);
            }

            // Every bill raises the contract's version: two bills issued for the same contract at the same moment
            // (an annual and a final bill, two clerks) cannot both commit.
            db.Entry(contract).Property(c => c.Version).IsModified = true;

            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return new BillContractResult.Issued(issued, Repeated: false);
        }
        catch (DbUpdateConcurrencyException) when (transaction is not null)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new BillContractResult.Conflict("contract", $"contract {contract.ContractNumber} was changed while it was billed; bill it again");
        }
        catch (DbUpdateException) when (idempotencyKey is not null && transaction is not null)
        {
            // Another request with the same key won the race: answer with its bill.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.IdempotencyKey == idempotencyKey, ct);
            return winner is not null ? new BillContractResult.Issued(winner, Repeated: true) : throw new InvalidOperationException("The bill could not be stored.");
        }
    }

    private async Task<BillContractResult> HoldAsync(Contract contract, BillingPeriod period, HoldReason reason, Text details, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.BillingHolds.FirstOrDefaultAsync(h => h.ContractId == contract.Id && h.PeriodEnd == period.End && h.ReleasedAt == null, ct);
        if (open is not null)
        {
            open.Renew(reason, details, now);
            await db.SaveChangesAsync(ct);
            return new BillContractResult.Held(open);
        }

        var hold = BillingHold.Create(contract, period, reason, details, now);
        db.BillingHolds.Add(hold);
        await db.SaveChangesAsync(ct);
        return new BillContractResult.Held(hold);
    }

    private async Task<ContractBillingData> LoadAsync(Contract contract, BillingPeriod period, CancellationToken ct)
    {
        var tariff = await db.Tariffs.AsNoTracking().SingleAsync(t => t.Id == contract.TariffId, ct);
        var premise = await db.Premises.AsNoTracking().SingleAsync(p => p.Id == contract.PremiseId, ct);
        var meters = await db.Meters.Where(m => m.PremiseId == premise.Id).ToListAsync(ct);
        var meterIds = meters.Select(m => m.Id).ToList();
        var readings = await db.Readings.AsNoTracking().Where(r => meterIds.Contains(r.MeterId)).ToListAsync(ct);
        var overrides = await db.VatRateOverrides.AsNoTracking().Where(v => v.Commodity == contract.Commodity).ToListAsync(ct);
        GasConversion? gas = null;
        if (contract.Commodity == Commodity.Gas && premise.NetworkArea is { } area)
        {
            var factor = await db.GasConversionFactors.AsNoTracking()
                .Where(g => g.NetworkArea == area && g.ValidFrom <= period.End && g.ValidTo >= period.End)
                .FirstOrDefaultAsync(ct);
            gas = factor?.ToConversion();
        }

        var entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ContractId == contract.Id && (e.Kind == LedgerEntryKind.Installment || e.Kind == LedgerEntryKind.ReturnedDebit)
                && e.BookedOn >= period.Start && e.BookedOn <= period.End)
            .ToListAsync(ct);
        var previous = await db.ActiveBills(contract.Id)
            .Where(b => b.PeriodEnd < period.Start)
            .OrderByDescending(b => b.PeriodEnd)
            .FirstOrDefaultAsync(ct);
        return new ContractBillingData(
            contract,
            tariff,
            meters,
            readings,
            VatRateOverride.Table(contract.Commodity, overrides),
            gas,
            ContractBilling.InstallmentsPaid(entries),
            previous is null ? null : new PreviousPeriod(BillingPeriod.Create(previous.PeriodStart, previous.PeriodEnd), previous.Quantity),
            settings.AverageAnnualQuantity(contract.Commodity));
    }
}
