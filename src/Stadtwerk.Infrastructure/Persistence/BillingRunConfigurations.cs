using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Messaging;
using Stadtwerk.Core.Metering;

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
        builder.HasIndex(d => d.BillId);
        builder.Property(d => d.Key).HasMaxLength(80).IsRequired();
        builder.HasIndex(d => d.Key).IsUnique();
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Iban).HasMaxLength(34).IsRequired();
        builder.Property(d => d.MandateReference).HasMaxLength(35).IsRequired();
        builder.Property(d => d.Reference).HasMaxLength(140).IsRequired();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<DirectDebitFile>().WithMany().HasForeignKey(d => d.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.MandateReference);
    }
}

internal sealed class DirectDebitFileConfiguration : IEntityTypeConfiguration<DirectDebitFile>
{
    public void Configure(EntityTypeBuilder<DirectDebitFile> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.MessageId).HasMaxLength(35).IsRequired();
        builder.HasIndex(f => f.MessageId).IsUnique();
        builder.HasIndex(f => f.CollectionDate);
        builder.Property(f => f.ControlSum).HasPrecision(18, 2);
        builder.Property(f => f.Xml).IsRequired();
        builder.Property(f => f.CreatedBy).HasMaxLength(100).IsRequired();
    }
}

internal sealed class QueuedBillDocumentConfiguration : IEntityTypeConfiguration<QueuedBillDocument>
{
    public void Configure(EntityTypeBuilder<QueuedBillDocument> builder)
    {
        builder.HasKey(d => d.BillId);
        builder.HasOne<IssuedBill>().WithMany().HasForeignKey(d => d.BillId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.DoneAt);
        builder.Property(d => d.LastError).HasMaxLength(500);
    }
}

internal sealed class ReadingCampaignConfiguration : IEntityTypeConfiguration<ReadingCampaign>
{
    public void Configure(EntityTypeBuilder<ReadingCampaign> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.CreatedBy).HasMaxLength(100).IsRequired();
    }
}

internal sealed class ReadingRequestConfiguration : IEntityTypeConfiguration<ReadingRequest>
{
    public void Configure(EntityTypeBuilder<ReadingRequest> builder)
    {
        builder.HasKey(r => new { r.CampaignId, r.MeterId });
        builder.HasOne<ReadingCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Meter>().WithMany().HasForeignKey(r => r.MeterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.To).HasMaxLength(254).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Body).IsRequired();
        builder.Property(e => e.Purpose).HasMaxLength(100).IsRequired();
        builder.Property(e => e.LastError).HasMaxLength(500);
        builder.HasIndex(e => new { e.SentAt, e.CreatedAt });
        builder.HasIndex(e => e.Purpose);
        builder.HasOne<StoredDocument>().WithMany().HasForeignKey(e => e.AttachmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Core.Accounts.DunningNotice>().WithMany().HasForeignKey(e => e.DunningNoticeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<IssuedBill>().WithMany().HasForeignKey(d => d.BillId).OnDelete(DeleteBehavior.Restrict);
        // One letter per bill: two dispatchers at once cannot both store (and send) it.
        builder.HasIndex(d => d.BillId).IsUnique();
        builder.HasIndex(d => new { d.Channel, d.PrintBatchId });
        builder.Property(d => d.FileName).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Content).IsRequired();
        builder.HasOne<PrintBatch>().WithMany().HasForeignKey(d => d.PrintBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PrintBatchConfiguration : IEntityTypeConfiguration<PrintBatch>
{
    public void Configure(EntityTypeBuilder<PrintBatch> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasIndex(b => b.Number).IsUnique();
        builder.Property(b => b.Pdf).IsRequired();
        builder.Property(b => b.Manifest).IsRequired();
        builder.Property(b => b.CreatedBy).HasMaxLength(100).IsRequired();
    }
}
