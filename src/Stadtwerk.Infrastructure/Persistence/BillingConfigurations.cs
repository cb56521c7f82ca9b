using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Infrastructure.Persistence;

internal sealed class IssuedBillConfiguration : IEntityTypeConfiguration<IssuedBill>
{
    public void Configure(EntityTypeBuilder<IssuedBill> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Number).HasMaxLength(20).IsRequired();
        builder.HasIndex(b => b.Number).IsUnique();
        builder.HasOne<Contract>().WithMany().HasForeignKey(b => b.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.ContractId, b.PeriodEnd });
        builder.Property(b => b.IdempotencyKey).HasMaxLength(100);
        builder.HasIndex(b => b.IdempotencyKey).IsUnique();
        builder.Property(b => b.Net).HasPrecision(18, 2);
        builder.Property(b => b.Gross).HasPrecision(18, 2);
        builder.Property(b => b.Paid).HasPrecision(18, 2);
        builder.Property(b => b.Balance).HasPrecision(18, 2);
        builder.Property(b => b.InputJson).IsRequired();
        builder.Property(b => b.OutputJson).IsRequired();
        builder.HasOne<IssuedBill>().WithMany().HasForeignKey(b => b.ReferencesBillId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.ReferencesBillId, b.Kind }).IsUnique();
    }
}

internal sealed class BankTransactionConfiguration : IEntityTypeConfiguration<BankTransaction>
{
    public void Configure(EntityTypeBuilder<BankTransaction> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Fingerprint).HasMaxLength(100).IsRequired();
        builder.HasIndex(t => t.Fingerprint).IsUnique();
        builder.Property(t => t.Amount).HasPrecision(18, 2);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.CounterpartyName).HasMaxLength(140);
        builder.Property(t => t.CounterpartyIban).HasMaxLength(34);
        builder.Property(t => t.RemittanceInformation).HasMaxLength(500);
        builder.Property(t => t.EndToEndId).HasMaxLength(35);
        builder.Property(t => t.MandateReference).HasMaxLength(35);
        builder.Property(t => t.ReturnReason).HasMaxLength(10);
        builder.Property(t => t.SourceFile).HasMaxLength(260);
        builder.HasOne<Contract>().WithMany().HasForeignKey(t => t.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.Status, t.BookingDate });
    }
}

internal sealed class InstallmentPlanChangeConfiguration : IEntityTypeConfiguration<InstallmentPlanChange>
{
    public void Configure(EntityTypeBuilder<InstallmentPlanChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Contract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ContractId, c.ChangedAt });
        builder.HasIndex(c => c.Status);
        builder.Property(c => c.OldAmount).HasPrecision(18, 2);
        builder.Property(c => c.NewAmount).HasPrecision(18, 2);
        builder.Property(c => c.CalculatedAmount).HasPrecision(18, 2);
        builder.Property(c => c.ChangedBy).HasMaxLength(100);
        builder.Property(c => c.DecidedBy).HasMaxLength(100);
    }
}

internal sealed class BillingHoldConfiguration : IEntityTypeConfiguration<BillingHold>
{
    public void Configure(EntityTypeBuilder<BillingHold> builder)
    {
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.HasOne<Contract>().WithMany().HasForeignKey(h => h.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.ContractId, h.PeriodEnd });
        builder.Property(h => h.Details).HasMaxLength(1000).IsRequired();
        builder.Property(h => h.ReleasedBy).HasMaxLength(100);
        builder.Property(h => h.ReleaseNote).HasMaxLength(Stadtwerk.Core.Metering.ReadingChange.MaxReasonLength);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Contract>().WithMany().HasForeignKey(e => e.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ContractId, e.BookedOn });
        builder.Property(e => e.Amount).HasPrecision(18, 2);
        builder.Property(e => e.Reference).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Note).HasMaxLength(LedgerEntry.MaxNoteLength);
        builder.Property(e => e.BillNumber).HasMaxLength(20);
    }
}

internal sealed class BillNumberCounterConfiguration : IEntityTypeConfiguration<BillNumberCounter>
{
    public void Configure(EntityTypeBuilder<BillNumberCounter> builder)
    {
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
    }
}

internal sealed class BalanceSettlementConfiguration : IEntityTypeConfiguration<BalanceSettlement>
{
    public void Configure(EntityTypeBuilder<BalanceSettlement> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<IssuedBill>().WithMany().HasForeignKey(s => s.BillId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.BillId).IsUnique();
        builder.HasOne<Contract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Amount).HasPrecision(18, 2);
        builder.Property(s => s.AgreedBy).HasMaxLength(100);
    }
}
