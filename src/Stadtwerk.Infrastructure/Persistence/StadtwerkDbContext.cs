using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Identity;

namespace Stadtwerk.Infrastructure.Persistence;

/// <summary>The one database context: master data, staff identities. The same model on SQLite and PostgreSQL.</summary>
public sealed class StadtwerkDbContext(DbContextOptions<StadtwerkDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Premise> Premises => Set<Premise>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<Meter> Meters => Set<Meter>();

    public DbSet<Reading> Readings => Set<Reading>();

    public DbSet<ReadingChange> ReadingChanges => Set<ReadingChange>();

    public DbSet<Tariff> Tariffs => Set<Tariff>();

    public DbSet<VatRateOverride> VatRateOverrides => Set<VatRateOverride>();

    public DbSet<GasConversionFactor> GasConversionFactors => Set<GasConversionFactor>();

    public DbSet<UtilitySetting> Settings => Set<UtilitySetting>();

    public DbSet<IssuedBill> IssuedBills => Set<IssuedBill>();

    public DbSet<BillingHold> BillingHolds => Set<BillingHold>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<BillNumberCounter> BillNumberCounters => Set<BillNumberCounter>();

    public DbSet<BankTransaction> BankTransactions => Set<BankTransaction>();

    public DbSet<InstallmentPlanChange> InstallmentPlanChanges => Set<InstallmentPlanChange>();

    public DbSet<BalanceSettlement> BalanceSettlements => Set<BalanceSettlement>();

    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();

    public DbSet<BillingRunChunk> BillingRunChunks => Set<BillingRunChunk>();

    public DbSet<BillingRunItem> BillingRunItems => Set<BillingRunItem>();

    public DbSet<DirectDebit> DirectDebits => Set<DirectDebit>();

    public DbSet<DirectDebitFile> DirectDebitFiles => Set<DirectDebitFile>();

    public DbSet<InstallmentRequest> InstallmentRequests => Set<InstallmentRequest>();

    public DbSet<CollectionRun> CollectionRuns => Set<CollectionRun>();

    public DbSet<CreditTransfer> CreditTransfers => Set<CreditTransfer>();

    public DbSet<CreditTransferFile> CreditTransferFiles => Set<CreditTransferFile>();

    public DbSet<DunningNotice> DunningNotices => Set<DunningNotice>();

    public DbSet<DunningBlock> DunningBlocks => Set<DunningBlock>();

    public DbSet<StoredDocument> StoredDocuments => Set<StoredDocument>();

    public DbSet<PrintBatch> PrintBatches => Set<PrintBatch>();

    public DbSet<QueuedBillDocument> QueuedBillDocuments => Set<QueuedBillDocument>();

    public DbSet<ReadingCampaign> ReadingCampaigns => Set<ReadingCampaign>();

    public DbSet<ReadingRequest> ReadingRequests => Set<ReadingRequest>();

    public DbSet<Stadtwerk.Core.Messaging.OutgoingEmail> OutgoingEmails => Set<Stadtwerk.Core.Messaging.OutgoingEmail>();

    public DbSet<Stadtwerk.Core.Cases.ServiceCase> Cases => Set<Stadtwerk.Core.Cases.ServiceCase>();

    public DbSet<CaseNumberCounter> CaseNumberCounters => Set<CaseNumberCounter>();

    /// <summary>
    /// Makes the next save of <paramref name="entity"/> succeed only if the stored row still has
    /// <paramref name="expectedVersion"/>: the version the client saw when it loaded the data.
    /// </summary>
    public void ExpectVersion<T>(T entity, int expectedVersion)
        where T : class, IVersioned =>
        Entry(entity).Property(e => e.Version).OriginalValue = expectedVersion;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RaiseVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RaiseVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 6);
        configurationBuilder.Properties<Commodity>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<CustomerKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ContactChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ReadingKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ReadingSource>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BillKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<HoldReason>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<LedgerEntryKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BankTransactionKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BankTransactionStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<SettlementKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ChangeChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<InstallmentChangeStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BillingRunStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BillingRunChunkStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BillingRunOutcome>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DirectDebitKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DirectDebitStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ReadingRequestChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<CreditTransferStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DunningLevel>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<DispatchChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Stadtwerk.Core.Cases.CaseKind>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<Stadtwerk.Core.Cases.CaseStatus>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StadtwerkDbContext).Assembly);
    }

    /// <summary>Every change to a versioned entity (also to a part it owns) raises its version by one.</summary>
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().ToList())
        {
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && OwnedPartChanged(entry)))
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
                version.IsModified = true;
            }
        }
    }

    private static bool OwnedPartChanged(EntityEntry entry) =>
        entry.References.Any(r => r.TargetEntry is { } target && target.Metadata.IsOwned()
            && target.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        || entry.Collections.Any(c => c.Metadata.TargetEntityType.IsOwned()
            && c.CurrentValue is not null && c.CurrentValue.Cast<object>().Any(item => c.FindEntry(item) is { State: not EntityState.Unchanged }));
}

/// <summary>The last bill number issued in a year; raised inside the issuing transaction, so numbers have no gaps.</summary>
public sealed class BillNumberCounter
{
    public int Year { get; set; }

    public long LastNumber { get; set; }
}

/// <summary>The last case number given (one row, id 1); raised inside the opening transaction, so numbers have no gaps.</summary>
public sealed class CaseNumberCounter
{
    public int Id { get; set; }

    public long LastNumber { get; set; }
}

/// <summary>A named setting of the installed utility (its name, the demo marker, ...).</summary>
public sealed class UtilitySetting
{
    public string Key { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
