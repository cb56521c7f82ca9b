using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stadtwerk.Core.Cases;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Infrastructure.Persistence;

internal sealed class ServiceCaseConfiguration : IEntityTypeConfiguration<ServiceCase>
{
    public void Configure(EntityTypeBuilder<ServiceCase> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.SourceKey).IsUnique();
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
        builder.HasIndex(c => c.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Subject).HasMaxLength(ServiceCase.SubjectMaxLength).IsRequired();
        builder.Property(c => c.Details).HasMaxLength(ServiceCase.TextMaxLength).IsRequired();
        builder.Property(c => c.Resolution).HasMaxLength(ServiceCase.TextMaxLength);
        builder.Property(c => c.SourceKey).HasMaxLength(100).IsRequired();
        builder.Property(c => c.CreatedBy).HasMaxLength(100).IsRequired();
        builder.Property(c => c.ClosedBy).HasMaxLength(100);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.DisplayNumber);
    }
}

internal sealed class CaseNumberCounterConfiguration : IEntityTypeConfiguration<CaseNumberCounter>
{
    public void Configure(EntityTypeBuilder<CaseNumberCounter> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}
