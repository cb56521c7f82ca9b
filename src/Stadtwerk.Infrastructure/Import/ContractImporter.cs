using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// contracts.csv: one supply contract per row, through <see cref="Contract.Create"/> with the customer, premise and
/// tariff it names by number (loaded for each batch with one query per table). The contract number is unique, and as
/// in the API, a premise is supplied under at most one contract on any day: in the file and with the stored contracts.
/// </summary>
internal sealed class ContractImporter(ImportContext context) : EntityImporter(context)
{
    private const int Number = 0;
    private const int CustomerNumber = 1;
    private const int PremiseNumber = 2;
    private const int TariffCode = 3;
    private const int StartDate = 4;
    private const int EndDate = 5;
    private const int AccountNumber = 6;
    private const int Iban = 7;
    private const int Bic = 8;
    private const int Holder = 9;
    private const int MandateReference = 10;
    private const int MandateSignedOn = 11;
    private const int InstallmentAmount = 12;
    private const int InstallmentFirstDue = 13;
    private const int InstallmentCount = 14;

    /// <summary>The installments of a year when the file does not say (as in the API).</summary>
    private const int DefaultInstallments = 12;

    private static readonly Dictionary<string, string> FieldColumns = new(StringComparer.Ordinal)
    {
        ["holder"] = "account_holder",
        ["installmentPlan.amount"] = "installment_amount",
        ["installmentPlan.count"] = "installment_count",
    };

    private readonly List<Contract> contracts = [];
    private readonly List<long> contractLines = [];
    private readonly Dictionary<string, long> numberLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tariff> tariffs = new(StringComparer.Ordinal);
    private readonly HashSet<string> tariffCodesLookedUp = new(StringComparer.Ordinal);

    /// <summary>The stored contracts of the premises the file names, for the overlap check at the end.</summary>
    private readonly List<Supply> storedSupplies = [];

    /// <summary>The premise numbers by id, for the messages of the overlap check.</summary>
    private readonly Dictionary<Guid, string> premiseNumbers = [];

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("contract_number", Required: true),
        new("customer_number", Required: true),
        new("premise_number", Required: true),
        new("tariff_code", Required: true),
        new("start_date", Required: true),
        new("end_date"),
        new("contract_account_number", Required: true),
        new("iban"),
        new("bic"),
        new("account_holder"),
        new("mandate_reference"),
        new("mandate_signed_on"),
        new("installment_amount"),
        new("installment_first_due"),
        new("installment_count"),
    ];

    public override int Count => contracts.Count;

    public override IReadOnlyList<string> Tables { get; } = ["contracts"];

    public override IEnumerable<object> Entities => contracts;

    public override async Task CheckBatchAsync(IReadOnlyList<CsvRecord> batch, CancellationToken cancellationToken)
    {
        var db = Database.Context;
        var customerKeys = Keys(batch, CustomerNumber);
        var premiseKeys = Keys(batch, PremiseNumber);
        var customers = await db.Customers.AsNoTracking()
            .Where(c => EF.Parameter(customerKeys).Contains(c.CustomerNumber))
            .ToDictionaryAsync(c => c.CustomerNumber, StringComparer.Ordinal, cancellationToken);
        var premises = await db.Premises.AsNoTracking()
            .Where(p => EF.Parameter(premiseKeys).Contains(p.PremiseNumber))
            .ToDictionaryAsync(p => p.PremiseNumber, StringComparer.Ordinal, cancellationToken);
        await LoadTariffsAsync(Keys(batch, TariffCode), cancellationToken);

        var numbers = new List<(long Line, string Key)>(batch.Count);
        var checkedContracts = new List<(long Line, Contract Contract)>(batch.Count);
        foreach (var record in batch)
        {
            Row.Start(record);
            var number = Row.Required(Number);
            if (number is not null && FirstInFile(numberLines, number, Number, "contract number"))
            {
                numbers.Add((Row.Line, number));
            }

            var customer = Reference(CustomerNumber, customers, "customer");
            var premise = Reference(PremiseNumber, premises, "premise");
            var tariff = Reference(TariffCode, tariffs, "tariff");
            var start = Row.Date(StartDate, required: true);
            var end = Row.Date(EndDate);
            var account = Row.Required(AccountNumber);
            var bank = ReadBankAccount();
            var plan = ReadInstallmentPlan();
            if (number is null || customer is null || premise is null || tariff is null || start is null || account is null)
            {
                continue;
            }

            var terms = new ContractTerms(tariff, start.Value, end, account, bank, plan);
            if (Row.Check(Contract.Create(number, customer, premise, terms), FieldColumns) is { } contract && !Row.Failed)
            {
                checkedContracts.Add((Row.Line, contract));
                premiseNumbers.TryAdd(premise.Id, premise.PremiseNumber);
            }
        }

        var taken = await TakenAsync(numbers, "contracts", "contract_number", "contract_number", "contract number", cancellationToken);
        foreach (var (line, contract) in checkedContracts.Where(c => !taken.Contains(c.Line)))
        {
            contracts.Add(contract);
            contractLines.Add(line);
        }

        var premiseIds = premises.Values.Select(p => p.Id).ToList();
        storedSupplies.AddRange(await db.Contracts.AsNoTracking()
            .Where(c => EF.Parameter(premiseIds).Contains(c.PremiseId))
            .Select(c => new Supply(c.PremiseId, c.StartDate, c.EndDate, c.ContractNumber, 0))
            .ToListAsync(cancellationToken));
    }

    /// <summary>
    /// A premise is supplied under one contract at a time: the contracts of each premise (from the file and stored)
    /// in order of their start; a contract that starts before an earlier one has ended overlaps it.
    /// </summary>
    public override Task CompleteAsync(CancellationToken cancellationToken)
    {
        var supplies = new List<Supply>(contracts.Count + storedSupplies.Count);
        supplies.AddRange(contracts.Select((c, i) => new Supply(c.PremiseId, c.StartDate, c.EndDate, c.ContractNumber, contractLines[i])));
        supplies.AddRange(storedSupplies.DistinctBy(s => s.Number));
        supplies.Sort((a, b) => (a.PremiseId, a.Start, a.Line).CompareTo((b.PremiseId, b.Start, b.Line)));

        Supply? longest = null;
        foreach (var supply in supplies)
        {
            if (longest is not { } previous || previous.PremiseId != supply.PremiseId)
            {
                longest = supply;
                continue;
            }

            if (previous.End is null || previous.End >= supply.Start)
            {
                // Report the contract of the file; when both are stored, there is nothing to report here.
                var (reported, other) = supply.Line > 0 ? (supply, previous) : (previous, supply);
                if (reported.Line > 0)
                {
                    var where = other.Line > 0 ? $" (line {other.Line})" : string.Empty;
                    Errors.Add(reported.Line, "start_date", $"premise {premiseNumbers[supply.PremiseId]} is supplied under contract {other.Number}{where} on these days");
                }
            }

            if (previous.End is not null && (supply.End is null || supply.End > previous.End))
            {
                longest = supply;
            }
        }

        return Task.CompletedTask;
    }

    public override Task CopyAsync(NpgsqlConnection connection, Action<long> progress, CancellationToken cancellationToken) =>
        PostgresCopy.CopyAsync(
            connection,
            "contracts",
            ["id", "contract_number", "customer_id", "premise_id", "commodity", "tariff_id", "start_date", "end_date", "contract_account_number",
             "bank_iban", "bank_bic", "bank_holder", "bank_mandate_reference", "bank_mandate_signed_on",
             "installment_amount", "installment_first_due", "installment_count", "version"],
            contracts,
            static (row, c) =>
            {
                row.Uuid(c.Id);
                row.Text(c.ContractNumber);
                row.Uuid(c.CustomerId);
                row.Uuid(c.PremiseId);
                row.Name(c.Commodity);
                row.Uuid(c.TariffId);
                row.Date(c.StartDate);
                row.Date(c.EndDate);
                row.Text(c.ContractAccountNumber);
                row.Text(c.BankAccount?.Iban.Value);
                row.Text(c.BankAccount?.Bic?.Value);
                row.Text(c.BankAccount?.Holder);
                row.Text(c.BankAccount?.MandateReference);
                row.Date(c.BankAccount?.MandateSignedOn);
                row.Numeric(c.InstallmentPlan?.Amount);
                row.Date(c.InstallmentPlan?.FirstDue);
                row.Integer(c.InstallmentPlan?.Count);
                row.Integer(c.Version);
            },
            progress,
            cancellationToken);

    private static List<string> Keys(IReadOnlyList<CsvRecord> batch, int column) =>
        [.. batch.Select(r => r[column]).OfType<string>().Distinct(StringComparer.Ordinal)];

    private T? Reference<T>(int column, IReadOnlyDictionary<string, T> found, string what)
        where T : class
    {
        var key = Row.Required(column);
        if (key is null)
        {
            return null;
        }

        if (found.TryGetValue(key, out var entity))
        {
            return entity;
        }

        Row.Fail(column, $"{what} {key} does not exist");
        return null;
    }

    /// <summary>Tariffs are few: each code is loaded once for the whole file.</summary>
    private async Task LoadTariffsAsync(List<string> codes, CancellationToken cancellationToken)
    {
        var missing = codes.Where(tariffCodesLookedUp.Add).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var tariff in await Database.Context.Tariffs.AsNoTracking()
            .Where(t => EF.Parameter(missing).Contains(t.Code))
            .ToListAsync(cancellationToken))
        {
            tariffs[tariff.Code] = tariff;
        }
    }

    /// <summary>The SEPA mandate, when any of its columns is filled: then IBAN and signing date are required (as in the API).</summary>
    private BankAccount? ReadBankAccount()
    {
        if (Row.Text(Iban) is null && Row.Text(Bic) is null && Row.Text(Holder) is null && Row.Text(MandateReference) is null && Row.Text(MandateSignedOn) is null)
        {
            return null;
        }

        var iban = Row.Parse(Iban, Core.Accounts.Iban.Parse, required: true);
        var bic = Row.Parse(Bic, Core.Accounts.Bic.Parse);
        var signed = Row.Date(MandateSignedOn, required: true);
        return iban is null || signed is null
            ? null
            : Row.Check(BankAccount.Create(iban, bic, Row.Text(Holder), Row.Text(MandateReference), signed.Value), FieldColumns);
    }

    /// <summary>The installment plan, when amount or first due date is filled: then both are required, the count defaults to 12.</summary>
    private InstallmentPlan? ReadInstallmentPlan()
    {
        if (Row.Text(InstallmentAmount) is null && Row.Text(InstallmentFirstDue) is null && Row.Text(InstallmentCount) is null)
        {
            return null;
        }

        var amount = Row.Decimal(InstallmentAmount, 2, required: true);
        var firstDue = Row.Date(InstallmentFirstDue, required: true);
        var count = Row.Integer(InstallmentCount) ?? DefaultInstallments;
        return amount is null || firstDue is null
            ? null
            : Row.Check(InstallmentPlan.Create(amount.Value, firstDue.Value, count), FieldColumns);
    }

    /// <summary>A contract's days at a premise; <see cref="Line"/> 0 for a stored contract.</summary>
    private readonly record struct Supply(Guid PremiseId, DateOnly Start, DateOnly? End, string Number, long Line);
}
