using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Infrastructure.Persistence;

internal sealed class InstallmentRequestConfiguration : IEntityTypeConfiguration<InstallmentRequest>
{
    public void Configure(EntityTypeBuilder<InstallmentRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Contract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CollectionRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Restrict);

        // One request per contract and due date: a second collection run of the same date makes none.
        builder.HasIndex(r => new { r.ContractId, r.DueOn }).IsUnique();
        builder.HasIndex(r => r.RunId);
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.Property(r => r.Reference).HasMaxLength(40).IsRequired();
    }
}

internal sealed class CollectionRunConfiguration : IEntityTypeConfiguration<CollectionRun>
{
    public void Configure(EntityTypeBuilder<CollectionRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.DueOn);
        builder.Property(r => r.StartedBy).HasMaxLength(100).IsRequired();
        builder.Property(r => r.DebitAmount).HasPrecision(18, 2);
    }
}

internal sealed class CreditTransferConfiguration : IEntityTypeConfiguration<CreditTransfer>
{
    public void Configure(EntityTypeBuilder<CreditTransfer> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Key).HasMaxLength(80).IsRequired();
        builder.HasIndex(t => t.Key).IsUnique();
        builder.HasOne<Contract>().WithMany().HasForeignKey(t => t.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IssuedBill>().WithMany().HasForeignKey(t => t.BillId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditTransferFile>().WithMany().HasForeignKey(t => t.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.Status, t.ExecuteOn });
        builder.HasIndex(t => t.ContractId);
        builder.HasIndex(t => t.BillId);
        builder.Property(t => t.Amount).HasPrecision(18, 2);
        builder.Property(t => t.Iban).HasMaxLength(34);
        builder.Property(t => t.Holder).HasMaxLength(140);
        builder.Property(t => t.Reference).HasMaxLength(140).IsRequired();
        builder.Property(t => t.RequestedBy).HasMaxLength(100).IsRequired();
        builder.Property(t => t.ApprovedBy).HasMaxLength(100);
        builder.Property(t => t.Note).HasMaxLength(200);
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class CreditTransferFileConfiguration : IEntityTypeConfiguration<CreditTransferFile>
{
    public void Configure(EntityTypeBuilder<CreditTransferFile> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.MessageId).HasMaxLength(35).IsRequired();
        builder.HasIndex(f => f.MessageId).IsUnique();
        builder.HasIndex(f => f.ExecutionDate);
        builder.Property(f => f.ControlSum).HasPrecision(18, 2);
        builder.Property(f => f.Xml).IsRequired();
        builder.Property(f => f.CreatedBy).HasMaxLength(100).IsRequired();
    }
}

internal sealed class DunningNoticeConfiguration : IEntityTypeConfiguration<DunningNotice>
{
    public void Configure(EntityTypeBuilder<DunningNotice> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasOne<Contract>().WithMany().HasForeignKey(n => n.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PrintBatch>().WithMany().HasForeignKey(n => n.PrintBatchId).OnDelete(DeleteBehavior.Restrict);

        // One letter per contract, level and day: a dunning run repeated the same day sends nothing twice.
        builder.HasIndex(n => new { n.ContractId, n.Level, n.IssuedOn }).IsUnique();
        builder.HasIndex(n => n.IssuedOn);
        builder.HasIndex(n => new { n.Channel, n.PrintBatchId });
        builder.Property(n => n.Reference).HasMaxLength(100).IsRequired();
        builder.Property(n => n.Arrears).HasPrecision(18, 2);
        builder.Property(n => n.Disputed).HasPrecision(18, 2);
        builder.Property(n => n.Fee).HasPrecision(18, 2);
        builder.Property(n => n.Items).HasMaxLength(4000).IsRequired();
        builder.Property(n => n.SentBy).HasMaxLength(100).IsRequired();
        builder.Property(n => n.FileName).HasMaxLength(120).IsRequired();
        builder.Property(n => n.Pdf).IsRequired();
    }
}

internal sealed class DunningBlockConfiguration : IEntityTypeConfiguration<DunningBlock>
{
    public void Configure(EntityTypeBuilder<DunningBlock> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasOne<Contract>().WithMany().HasForeignKey(b => b.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => b.ContractId);
        builder.Property(b => b.Reason).HasMaxLength(200).IsRequired();
        builder.Property(b => b.SetBy).HasMaxLength(100).IsRequired();
        builder.Property(b => b.LiftedBy).HasMaxLength(100);
    }
}
