using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;

namespace Stadtwerk.Infrastructure.Persistence;

internal static class AddressMapping
{
    /// <summary>A postal address as columns of its owner's table (address_street, ...), indexed for the agents' lookups.</summary>
    public static void MapAddress<T>(this EntityTypeBuilder<T> builder, System.Linq.Expressions.Expression<Func<T, PostalAddress?>> address)
        where T : class =>
        builder.ComplexProperty(address, a =>
        {
            a.Property(x => x.Street).HasMaxLength(100).IsRequired();
            a.Property(x => x.HouseNumber).HasMaxLength(20).IsRequired();
            a.Property(x => x.PostalCode).HasMaxLength(10).IsRequired();
            a.Property(x => x.City).HasMaxLength(100).IsRequired();
            a.Property(x => x.Country).HasMaxLength(2).IsRequired();
        });
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.CustomerNumber).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => c.CustomerNumber).IsUnique();
        builder.Property(c => c.FirstName).HasMaxLength(Customer.MaxNameLength);
        builder.Property(c => c.LastName).HasMaxLength(Customer.MaxNameLength);
        builder.Property(c => c.CompanyName).HasMaxLength(Customer.MaxNameLength);
        builder.HasIndex(c => new { c.LastName, c.FirstName });
        builder.HasIndex(c => c.CompanyName);
        builder.MapAddress(c => c.Address);
        builder.Property(c => c.Email).HasConversion(v => v!.Value, s => EmailAddress.Create(s)).HasMaxLength(254);
        builder.Property(c => c.LeitwegId).HasConversion(v => v!.Value, s => LeitwegId.Create(s)).HasMaxLength(LeitwegId.MaxLength);
        builder.Property(c => c.Phone).HasConversion(v => v!.Value, s => PhoneNumber.Create(s)).HasMaxLength(20);
        builder.Property(c => c.MobilePhone).HasConversion(v => v!.Value, s => PhoneNumber.Create(s)).HasMaxLength(20);
        builder.HasIndex(c => c.Phone);
        builder.HasIndex(c => c.MobilePhone);
        builder.HasIndex(c => c.Email);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.DisplayName);
    }
}

internal sealed class PremiseConfiguration : IEntityTypeConfiguration<Premise>
{
    public void Configure(EntityTypeBuilder<Premise> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.PremiseNumber).HasMaxLength(20).IsRequired();
        builder.HasIndex(p => p.PremiseNumber).IsUnique();
        builder.MapAddress(p => p.Address);
        builder.Property(p => p.MarketLocation).HasConversion(v => v!.Value, s => MarketLocationId.Create(s)).HasMaxLength(11).HasColumnName("market_location_id");
        builder.Property(p => p.MeteringLocation).HasConversion(v => v!.Value, s => MeteringLocationId.Create(s)).HasMaxLength(33).HasColumnName("metering_location_id");
        builder.HasIndex(p => p.MarketLocation).IsUnique();
        builder.HasIndex(p => p.MeteringLocation).IsUnique();
        builder.Property(p => p.NetworkArea).HasMaxLength(50);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class TariffConfiguration : IEntityTypeConfiguration<Tariff>
{
    public void Configure(EntityTypeBuilder<Tariff> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Code).HasMaxLength(20).IsRequired();
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.OwnsMany(t => t.Prices, prices =>
        {
            prices.ToTable("tariff_prices");
            prices.WithOwner().HasForeignKey("TariffId");
            prices.Property<int>("Id");
            prices.HasKey("Id");
            prices.HasIndex("TariffId", nameof(TariffPrice.ValidFrom)).IsUnique();
        });
        builder.Navigation(t => t.Prices).HasField("prices").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ContractNumber).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => c.ContractNumber).IsUnique();
        builder.Property(c => c.ContractAccountNumber).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => c.ContractAccountNumber);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Premise>().WithMany().HasForeignKey(c => c.PremiseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tariff>().WithMany().HasForeignKey(c => c.TariffId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PremiseId, c.StartDate });
        builder.OwnsOne(c => c.BankAccount, bank =>
        {
            bank.Property(b => b.Iban).HasConversion(v => v!.Value, s => Stadtwerk.Core.Accounts.Iban.Create(s)).HasMaxLength(34).HasColumnName("bank_iban");
            bank.Property(b => b.Bic).HasConversion(v => v!.Value, s => Stadtwerk.Core.Accounts.Bic.Create(s)).HasMaxLength(11).HasColumnName("bank_bic");
            bank.Property(b => b.Holder).HasMaxLength(70).HasColumnName("bank_holder");
            bank.Property(b => b.MandateReference).HasMaxLength(35).HasColumnName("bank_mandate_reference");
            bank.Property(b => b.MandateSignedOn).HasColumnName("bank_mandate_signed_on");
            bank.Property(b => b.MandateLastUsedOn).HasColumnName("bank_mandate_last_used_on");
            bank.HasIndex(b => b.Iban);
        });
        builder.OwnsOne(c => c.InstallmentPlan, plan =>
        {
            plan.Property(p => p.Amount).HasPrecision(18, 2).HasColumnName("installment_amount");
            plan.Property(p => p.FirstDue).HasColumnName("installment_first_due");
            plan.Property(p => p.Count).HasColumnName("installment_count");
        });
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class MeterConfiguration : IEntityTypeConfiguration<Meter>
{
    public void Configure(EntityTypeBuilder<Meter> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.MeterNumber).HasMaxLength(20).IsRequired();
        builder.HasIndex(m => m.MeterNumber).IsUnique();
        builder.HasOne<Premise>().WithMany().HasForeignKey(m => m.PremiseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class ReadingConfiguration : IEntityTypeConfiguration<Reading>
{
    public void Configure(EntityTypeBuilder<Reading> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Meter>().WithMany().HasForeignKey(r => r.MeterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.MeterId, r.Date }).IsUnique();
        builder.Property(r => r.Value).HasPrecision(18, 3);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class ReadingChangeConfiguration : IEntityTypeConfiguration<ReadingChange>
{
    public void Configure(EntityTypeBuilder<ReadingChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Meter>().WithMany().HasForeignKey(c => c.MeterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.MeterId, c.ReadingDate });
        builder.Property(c => c.OldValue).HasPrecision(18, 3);
        builder.Property(c => c.NewValue).HasPrecision(18, 3);
        builder.Property(c => c.Reason).HasMaxLength(ReadingChange.MaxReasonLength);
        builder.Property(c => c.ChangedBy).HasMaxLength(100).IsRequired();
    }
}

internal sealed class VatRateOverrideConfiguration : IEntityTypeConfiguration<VatRateOverride>
{
    public void Configure(EntityTypeBuilder<VatRateOverride> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => new { v.Commodity, v.ValidFrom }).IsUnique();
        builder.Property(v => v.Rate).HasPrecision(5, 4);
    }
}

internal sealed class GasConversionFactorConfiguration : IEntityTypeConfiguration<GasConversionFactor>
{
    public void Configure(EntityTypeBuilder<GasConversionFactor> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.NetworkArea).HasMaxLength(50).IsRequired();
        builder.HasIndex(g => new { g.NetworkArea, g.ValidFrom }).IsUnique();
        builder.Property(g => g.StateFactor).HasPrecision(10, 6);
        builder.Property(g => g.CalorificValue).HasPrecision(10, 6);
    }
}

internal sealed class UtilitySettingConfiguration : IEntityTypeConfiguration<UtilitySetting>
{
    public void Configure(EntityTypeBuilder<UtilitySetting> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(2000);
    }
}
