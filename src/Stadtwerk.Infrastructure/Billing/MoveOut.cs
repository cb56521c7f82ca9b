using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

/// <summary>What a move-out asks for: the last day, the final reading (else estimated), and who moves in.</summary>
public sealed record MoveOutRequest(
    DateOnly LastDay,
    decimal? FinalReading,
    ReadingSource Source,
    string? NewCustomerNumber,
    string? NewContractNumber,
    string? NewContractAccountNumber);

public abstract record MoveOutResult
{
    private MoveOutResult()
    {
    }

    /// <summary>The contract ended; <see cref="FinalBill"/> is the Schlussrechnung (or why it is held); <see cref="NewContract"/> the move-in.</summary>
    public sealed record Done(Contract Contract, BillContractResult FinalBill, Contract? NewContract) : MoveOutResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : MoveOutResult;

    public sealed record NotFound(string What) : MoveOutResult;

    public sealed record Conflict(string Field, Text Text) : MoveOutResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }
}

/// <summary>
/// Move-out and final bill (Auszug, Schlussrechnung): ends the contract on the last day with the final reading,
/// stops the installments after it, and moves in the next customer at the same supply point from the next day
/// with the same reading — one transaction; then bills the open period as the final bill (its balance is
/// claimed within 14 days or refunded; a held final bill goes to the Klärfall list).
/// </summary>
public sealed class MoveOut(StadtwerkDbContext db, BillContract billing, TimeProvider clock)
{
    public async Task<MoveOutResult> RunAsync(string contractNumber, MoveOutRequest request, CancellationToken ct, string? recordedBy = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return new MoveOutResult.NotFound($"Contract {contractNumber}");
        }

        var activeBills = db.ActiveBills(contract.Id);
        var lastBilled = await activeBills.MaxAsync(b => (DateOnly?)b.PeriodEnd, ct);
        if (contract.EndDate == request.LastDay && lastBilled == request.LastDay)
        {
            var finalBill = await activeBills.Where(b => b.PeriodEnd == request.LastDay).OrderByDescending(b => b.Id).FirstAsync(ct);
            return new MoveOutResult.Done(contract, new BillContractResult.Issued(finalBill, Repeated: true), null);
        }

        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var ended = contract.MoveOut(request.LastDay, lastBilled);
        errors.AddRange(ended.Errors);
        var meter = await db.Meters.Where(m => m.PremiseId == contract.PremiseId && m.InstalledOn <= request.LastDay && (m.RemovedOn == null || m.RemovedOn >= request.LastDay))
            .OrderByDescending(m => m.InstalledOn).FirstOrDefaultAsync(ct);
        if (request.FinalReading is { } value)
        {
            if (meter is null)
            {
                errors.Add(new FieldError("finalReading", $"no meter is installed at the supply point on {request.LastDay}"));
            }
            else if (await db.Readings.AnyAsync(r => r.MeterId == meter.Id && r.Date == request.LastDay && r.Value != value, ct))
            {
                errors.Add(new FieldError("finalReading", $"meter {meter.MeterNumber} has another reading on {request.LastDay}; correct that one"));
            }
            else if (!await db.Readings.AnyAsync(r => r.MeterId == meter.Id && r.Date == request.LastDay, ct))
            {
                var before = await db.Readings.AsNoTracking().Where(r => r.MeterId == meter.Id && r.Date < request.LastDay).OrderByDescending(r => r.Date).FirstOrDefaultAsync(ct);
                if (meter.CheckFollows(before, value, "finalReading") is { } backwards)
                {
                    errors.Add(backwards);
                }

                var reading = meter.Read(request.LastDay, value, ReadingKind.Actual, request.Source, now);
                errors.AddRange(reading.Errors.Select(e => e with { Field = e.Field == "value" ? "finalReading" : e.Field }));
                if (reading.Value is { } stored && errors.Count == 0)
                {
                    db.Readings.Add(stored);
                }
            }
        }

        Contract? newContract = null;
        if (request.NewCustomerNumber is { } newCustomerNumber)
        {
            newContract = await MoveInAsync(contract, newCustomerNumber, request, errors, ct);
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new MoveOutResult.Invalid(errors);
        }

        // Nothing is asked or collected for days after the move-out: a collection run made earlier for a later date is taken back.
        foreach (var debit in await db.DirectDebits.Where(d => d.ContractId == contract.Id && d.Kind == DirectDebitKind.Installment && d.Status == DirectDebitStatus.Open && d.DueOn > request.LastDay).ToListAsync(ct))
        {
            debit.Withdraw($"Auszug zum {request.LastDay.ToIso()}");
        }

        db.InstallmentRequests.RemoveRange(await db.InstallmentRequests.Where(r => r.ContractId == contract.Id && r.DueOn > request.LastDay).ToListAsync(ct));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new MoveOutResult.Conflict("contract", $"contract {contractNumber} was changed at the same moment; try again");
        }

        var period = BillingPeriod.Create(lastBilled?.AddDays(1) ?? await FirstUnbilledDayAsync(contract, ct), request.LastDay);
        var finalResult = await billing.RunAsync(contractNumber, period, idempotencyKey: null, ct, kind: BillKind.FinalBill, issuedBy: recordedBy);
        return new MoveOutResult.Done(contract, finalResult, newContract);
    }

    /// <summary>
    /// Without a bill in this system, the open period starts at the contract's start, or, for a contract taken over
    /// from the old system, the day after the first reading stored for its supply point (the cut-over reading).
    /// </summary>
    private async Task<DateOnly> FirstUnbilledDayAsync(Contract contract, CancellationToken ct)
    {
        var meterIds = db.Meters.Where(m => m.PremiseId == contract.PremiseId).Select(m => m.Id);
        var firstReading = await db.Readings.Where(r => meterIds.Contains(r.MeterId) && r.Date >= contract.StartDate.AddDays(-1))
            .MinAsync(r => (DateOnly?)r.Date, ct);
        return firstReading is { } first && first.AddDays(1) > contract.StartDate ? first.AddDays(1) : contract.StartDate;
    }

    private async Task<Contract?> MoveInAsync(Contract old, string customerNumber, MoveOutRequest request, List<FieldError> errors, CancellationToken ct)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.CustomerNumber == customerNumber, ct);
        if (customer is null)
        {
            errors.Add(new FieldError("newCustomerNumber", $"customer {customerNumber} does not exist"));
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.NewContractNumber))
        {
            errors.Add(new FieldError("newContractNumber", "is required for a move-in"));
            return null;
        }

        if (await db.Contracts.FirstOrDefaultAsync(c => c.ContractNumber == request.NewContractNumber, ct) is { } existing)
        {
            // A repeated move-out (e.g. after its final bill failed) finds the move-in it made the first time.
            if (existing.CustomerId == customer.Id && existing.PremiseId == old.PremiseId && existing.StartDate == request.LastDay.AddDays(1))
            {
                return existing;
            }

            errors.Add(new FieldError("newContractNumber", $"contract number {request.NewContractNumber} is already taken"));
            return null;
        }

        var others = await db.Contracts.AsNoTracking().Where(c => c.PremiseId == old.PremiseId && c.Id != old.Id).ToListAsync(ct);
        if (others.FirstOrDefault(c => c.Overlaps(request.LastDay.AddDays(1), null)) is { } taken)
        {
            errors.Add(new FieldError("newCustomerNumber", $"the supply point is already let under contract {taken.ContractNumber} from {taken.StartDate}"));
            return null;
        }

        var premise = await db.Premises.SingleAsync(p => p.Id == old.PremiseId, ct);
        var tariff = await db.Tariffs.SingleAsync(t => t.Id == old.TariffId, ct);
        var terms = new ContractTerms(tariff, request.LastDay.AddDays(1), null, request.NewContractAccountNumber ?? "VK" + request.NewContractNumber, null, null);
        var created = Contract.Create(request.NewContractNumber, customer, premise, terms);
        errors.AddRange(created.Errors.Select(e => e with { Field = "newContract." + e.Field }));
        if (created.Value is { } contract)
        {
            db.Contracts.Add(contract);
        }

        return created.Value;
    }
}
