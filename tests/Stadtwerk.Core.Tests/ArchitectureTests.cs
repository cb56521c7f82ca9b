using System.Reflection;
using System.Runtime.CompilerServices;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Premises;

namespace Stadtwerk.Core.Tests;

/// <summary>Rules of docs/architecture.md that a compiler does not check.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(BillCalculator).Assembly;

    /// <summary>Pure computation libraries only (no I/O): libphonenumber, whose assembly is PhoneNumbers.</summary>
    private static readonly string[] AllowedLibraries = ["PhoneNumbers"];

    [Fact]
    public void The_core_references_nothing_but_the_base_class_library_and_libphonenumber()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        references.Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && !AllowedLibraries.Contains(name))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Every_public_type_of_the_core_is_immutable()
    {
        var mutable = Core.GetExportedTypes()
            .Where(type => !type.IsEnum)
            .SelectMany(type => type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                .Select(p => $"{type.Name}.{p.Name}")
                .Concat(type.GetFields(BindingFlags.Instance | BindingFlags.Public)
                    .Where(f => !f.IsInitOnly)
                    .Select(f => $"{type.Name}.{f.Name}")))
            .ToArray();

        mutable.ShouldBeEmpty();
    }

    [Fact]
    public void Validated_value_types_cannot_be_built_past_their_factory()
    {
        Type[] validated = [typeof(BillingPeriod), typeof(MeterReading), typeof(MeterReadings), typeof(PriceEntry), typeof(VatRate),
            typeof(InstallmentPayment), typeof(GasConversion), typeof(PlanRequest), typeof(BillInput),
            typeof(Iban), typeof(Bic), typeof(MarketLocationId), typeof(MeteringLocationId),
            typeof(PhoneNumber), typeof(EmailAddress), typeof(PostalAddress)];

        foreach (var type in validated)
        {
            type.GetConstructors(BindingFlags.Instance | BindingFlags.Public)
                .Where(c => c.GetParameters().Length > 0 && c.GetParameters()[0].ParameterType != type)
                .ShouldBeEmpty($"{type.Name} must be created through its factory");
            type.GetProperties().Where(p => p.SetMethod is not null).ShouldBeEmpty($"{type.Name} must not be changed by 'with'");
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
