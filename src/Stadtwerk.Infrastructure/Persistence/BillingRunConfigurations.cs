using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Infrastructure.Persistence;

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.StartedBy).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.Selection);
    }
}

internal sealed class BillingRunChunkConfiguration : IEntityTypeConfiguration<BillingRunChunk>
{
    public void Configure(EntityTypeBuilder<BillingRunChunk> builder)
    {
        builder.HasKey(c => new { c.RunId, c.Number });
        builder.HasOne<BillingRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Worker).HasMaxLength(200);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class BillingRunItemConfiguration : IEntityTypeConfiguration<BillingRunItem>
{
    public void Configure(EntityTypeBuilder<BillingRunItem> builder)
    {
        // One row per run and contract: a contract cannot be billed twice by one run.
        builder.HasKey(i => new { i.RunId, i.ContractId });
        builder.HasOne<BillingRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contract>().WithMany().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.RunId, i.Chunk });
        builder.HasIndex(i => new { i.RunId, i.Outcome });
        builder.Property(i => i.ContractNumber).HasMaxLength(20).IsRequired();
        builder.Property(i => i.Message).HasMaxLength(1000);
    }
}

internal sealed class DirectDebitConfiguration : IEntityTypeConfiguration<DirectDebit>
{
    public void Configure(EntityTypeBuilder<DirectDebit> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Contract>().WithMany().HasForeignKey(d => d.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IssuedBill>().WithMany().HasForeignKey(d => d.BillId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.Status, d.DueOn });
        builder.HasIndex(d => d.ContractId);
        builder.HasIndex(d => new { d.BillId, d.Kind }).IsUnique();
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Iban).HasMaxLength(34).IsRequired();
        builder.Property(d => d.MandateReference).HasMaxLength(35).IsRequired();
        builder.Property(d => d.Reference).HasMaxLength(140).IsRequired();
    }
}

internal sealed class QueuedBillDocumentConfiguration : IEntityTypeConfiguration<QueuedBillDocument>
{
    public void Configure(EntityTypeBuilder<QueuedBillDocument> builder)
    {
        builder.HasKey(d => d.BillId);
        builder.HasOne<IssuedBill>().WithMany().HasForeignKey(d => d.BillId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.DoneAt);
    }
}
