using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.BillingRuns;

public enum BillingRunStatus
{
    /// <summary>Chunks are queued or being billed.</summary>
    Running,

    /// <summary>Every chunk is done.</summary>
    Completed,

    /// <summary>A clerk stopped the run; chunks not yet started stay pending until it is resumed.</summary>
    Cancelled,
}

/// <summary>
/// Which contracts a billing run bills (Abrechnungslauf): a commodity or all, and the window the billing period
/// ends in; or an explicit list of contract numbers (then the window still decides each contract's period).
/// </summary>
public sealed record BillingRunSelection(Commodity? Commodity, DateOnly PeriodEndFrom, DateOnly PeriodEndTo, IReadOnlyList<string>? ContractNumbers)
{
    public const int MaxListedContracts = 100_000;

    /// <summary>A commodity chosen by name, or none (all commodities) when empty; a wrong name is reported as the field <c>commodity</c>.</summary>
    public static Commodity? OptionalCommodity(string? text, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (CommodityRules.TryParse(text, out var commodity))
        {
            return commodity;
        }

        errors.Add(new FieldError("commodity", $"'{text}' is not a commodity; use electricity, gas, water or heat"));
        return null;
    }

    public static DomainResult<BillingRunSelection> Create(Commodity? commodity, DateOnly periodEndFrom, DateOnly periodEndTo, IReadOnlyList<string>? contractNumbers, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (periodEndTo < periodEndFrom)
        {
            errors.Add(new FieldError("periodEndTo", $"{periodEndTo} is before periodEndFrom {periodEndFrom}"));
        }

        if (periodEndTo >= today)
        {
            errors.Add(new FieldError("periodEndTo", $"{periodEndTo} is not over yet; a period can be billed from the day after its end"));
        }

        if (periodEndTo.DayNumber - periodEndFrom.DayNumber > 366)
        {
            errors.Add(new FieldError("periodEndFrom", "the window of period ends is at most one year long"));
        }

        List<string>? numbers = null;
        if (contractNumbers is not null)
        {
            numbers = [.. contractNumbers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
            if (numbers.Count == 0)
            {
                errors.Add(new FieldError("contractNumbers", "the list names no contract"));
            }
            else if (numbers.Count > MaxListedContracts)
            {
                errors.Add(new FieldError("contractNumbers", $"a list names at most {MaxListedContracts:N0} contracts; select by commodity and period instead"));
            }
            else if (numbers.FirstOrDefault(n => n.Length > 20) is { } tooLong)
            {
                errors.Add(new FieldError("contractNumbers", $"'{tooLong}' is not a contract number"));
            }
        }

        return errors.Count > 0
            ? DomainResult<BillingRunSelection>.Invalid([.. errors])
            : DomainResult<BillingRunSelection>.Ok(new BillingRunSelection(commodity, periodEndFrom, periodEndTo, numbers));
    }

    /// <summary>
    /// The period a contract is billed for in this run, or none when nothing of it is due in the window.
    /// A contract's billing day is the anniversary of its last bill's end (the yearly cycle, Turnus); a contract
    /// without a bill here follows the utility's cycle, the 31 December, and is billed for the twelve months
    /// before it at most (earlier years were billed before it was taken over). The period ends early on the
    /// contract's last day (a final bill).
    /// </summary>
    public BillingPeriod? PeriodFor(DateOnly contractStart, DateOnly? contractEnd, DateOnly? lastBilledEnd)
    {
        DateOnly cycleEnd;
        DateOnly start;
        if (lastBilledEnd is { } last)
        {
            if (contractEnd is { } ended && ended <= last)
            {
                return null;
            }

            cycleEnd = last.AddYears(1);
            while (cycleEnd < PeriodEndFrom && (contractEnd is null || cycleEnd < contractEnd))
            {
                cycleEnd = cycleEnd.AddYears(1);
            }

            start = last.AddDays(1);
        }
        else
        {
            cycleEnd = new DateOnly(PeriodEndTo.Year, 12, 31);
            if (cycleEnd > PeriodEndTo)
            {
                cycleEnd = new DateOnly(PeriodEndTo.Year - 1, 12, 31);
            }

            var yearBefore = cycleEnd.AddYears(-1).AddDays(1);
            start = contractStart > yearBefore ? contractStart : yearBefore;
        }

        var end = contractEnd is { } lastDay && lastDay < cycleEnd ? lastDay : cycleEnd;
        if (end < PeriodEndFrom || end > PeriodEndTo || end < start)
        {
            return null;
        }

        return BillingPeriod.Create(start, end);
    }
}

/// <summary>A billing run: its selection, when and by whom it was started, and where it stands.</summary>
public sealed class BillingRun : IVersioned
{
    private BillingRun()
    {
        StartedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Counts the runs: Lauf 1, 2, ...</summary>
    public int Number { get; private set; }

    public Commodity? Commodity { get; private set; }

    public DateOnly PeriodEndFrom { get; private set; }

    public DateOnly PeriodEndTo { get; private set; }

    /// <summary>Whether the run bills a list of contracts (kept as its items) instead of everything in the window.</summary>
    public bool FromList { get; private set; }

    public BillingRunStatus Status { get; private set; }

    public int Selected { get; private set; }

    public int ChunkSize { get; private set; }

    public int Chunks { get; private set; }

    /// <summary>The issue date of the run's bills: the day it was started.</summary>
    public DateOnly IssuedOn { get; private set; }

    public string StartedBy { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public int Version { get; private set; }

    public BillingRunSelection Selection => new(Commodity, PeriodEndFrom, PeriodEndTo, null);

    /// <summary>A run being set up: running, with nothing selected until <see cref="RecordSelection"/> says how many contracts its chunks hold.</summary>
    public static BillingRun Start(int number, BillingRunSelection selection, int chunkSize, DateOnly issuedOn, string startedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return new BillingRun
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            Commodity = selection.Commodity,
            PeriodEndFrom = selection.PeriodEndFrom,
            PeriodEndTo = selection.PeriodEndTo,
            FromList = selection.ContractNumbers is not null,
            Status = BillingRunStatus.Running,
            ChunkSize = chunkSize,
            IssuedOn = issuedOn,
            StartedBy = Guard.NotBlank(startedBy, nameof(startedBy)),
            StartedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>The selection is stored: <paramref name="selected"/> contracts in chunks of <see cref="ChunkSize"/>; a run selecting none is complete.</summary>
    public void RecordSelection(int selected, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(selected);
        Selected = selected;
        Chunks = (selected + ChunkSize - 1) / ChunkSize;
        if (selected == 0)
        {
            Complete(now);
        }
    }

    public DomainResult<BillingRun> Cancel(DateTimeOffset now)
    {
        if (Status != BillingRunStatus.Running)
        {
            return DomainResult<BillingRun>.Invalid(new FieldError("status", $"run {Number} is {Status}; only a running run can be cancelled"));
        }

        Status = BillingRunStatus.Cancelled;
        CancelledAt = now.ToUniversalTime();
        return DomainResult<BillingRun>.Ok(this);
    }

    public DomainResult<BillingRun> Resume()
    {
        if (Status != BillingRunStatus.Cancelled)
        {
            return DomainResult<BillingRun>.Invalid(new FieldError("status", $"run {Number} is {Status}; only a cancelled run can be resumed"));
        }

        Status = BillingRunStatus.Running;
        CancelledAt = null;
        return DomainResult<BillingRun>.Ok(this);
    }

    public void Complete(DateTimeOffset now)
    {
        if (Status == BillingRunStatus.Running)
        {
            Status = BillingRunStatus.Completed;
            FinishedAt = now.ToUniversalTime();
        }
    }
}

public enum BillingRunChunkStatus
{
    Pending,
    Done,
}

/// <summary>
/// One chunk of a run (the interval of large billing systems): a few hundred contracts billed together, loaded with
/// a few set-based queries and written in one transaction; the unit a worker takes.
/// </summary>
public sealed class BillingRunChunk : IVersioned
{
    private BillingRunChunk()
    {
    }

    public Guid RunId { get; private set; }

    public int Number { get; private set; }

    public int Size { get; private set; }

    public BillingRunChunkStatus Status { get; private set; }

    public int Billed { get; private set; }

    public int Held { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    /// <summary>How often a worker began it: more than once after a crash or a conflict.</summary>
    public int Attempts { get; private set; }

    public string? Worker { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Where the chunk's time went (the profile): loading its data, deciding every contract, writing the results (up to the commit).</summary>
    public int LoadMilliseconds { get; private set; }

    public int DecideMilliseconds { get; private set; }

    public int WriteMilliseconds { get; private set; }

    public int Version { get; private set; }

    public static BillingRunChunk Create(Guid runId, int number, int size) => new()
    {
        RunId = runId,
        Number = number,
        Size = size,
        Status = BillingRunChunkStatus.Pending,
    };

    /// <summary>Done, with its counts; <see cref="Attempts"/> is counted in the database when a worker begins the chunk.</summary>
    public void Finish(int billed, int held, int failed, int skipped, string worker, DateTimeOffset now)
    {
        if (Status == BillingRunChunkStatus.Done)
        {
            throw new InvalidOperationException($"Chunk {Number} of the run is done already.");
        }

        Status = BillingRunChunkStatus.Done;
        (Billed, Held, Failed, Skipped, Worker, FinishedAt) = (billed, held, failed, skipped, worker, now.ToUniversalTime());
    }
}

public enum BillingRunOutcome
{
    /// <summary>Not billed yet.</summary>
    Pending,

    Billed,

    /// <summary>Held for a clerk (Klärfall), with the reason.</summary>
    Held,

    /// <summary>Could not be billed: the error says why.</summary>
    Failed,

    /// <summary>Nothing to bill any more: billed meanwhile, or no period due.</summary>
    Skipped,
}

/// <summary>A contract selected for a run, its chunk, and what became of it. One row per contract and run: a contract is billed once per run.</summary>
public sealed class BillingRunItem
{
    private BillingRunItem()
    {
        ContractNumber = string.Empty;
    }

    public Guid RunId { get; private set; }

    public Guid ContractId { get; private set; }

    public string ContractNumber { get; private set; }

    public Commodity Commodity { get; private set; }

    public int Chunk { get; private set; }

    public BillingRunOutcome Outcome { get; private set; }

    public Guid? BillId { get; private set; }

    public HoldReason? HoldReason { get; private set; }

    /// <summary>The hold's details, the error, or why it was skipped.</summary>
    public string? Message { get; private set; }

    public static BillingRunItem Create(Guid runId, Guid contractId, string contractNumber, Commodity commodity, int chunk) => new()
    {
        RunId = runId,
        ContractId = contractId,
        ContractNumber = contractNumber,
        Commodity = commodity,
        Chunk = chunk,
        Outcome = BillingRunOutcome.Pending,
    };

    public void Billed(Guid billId) => (Outcome, BillId, Message) = (BillingRunOutcome.Billed, billId, null);

    public void Hold(HoldReason reason, Text details) => (Outcome, HoldReason, Message) = (BillingRunOutcome.Held, reason, Limit(details));

    public void Fail(Text error) => (Outcome, Message) = (BillingRunOutcome.Failed, Limit(error));

    public void Skip(Text why) => (Outcome, Message) = (BillingRunOutcome.Skipped, Limit(why));

    private static string Limit(Text text) => text.ToString() is var english && english.Length > 1000 ? english[..1000] : english;
}
