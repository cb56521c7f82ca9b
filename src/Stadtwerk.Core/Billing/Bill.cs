using System.Collections.Immutable;

namespace Stadtwerk.Core.Billing;

/// <summary>One line of a bill: days with one price entry and one VAT rate.</summary>
public sealed record BillLine(
    DateOnly From,
    DateOnly To,
    int Days,
    long Quantity,
    decimal EnergyPrice,
    decimal EnergyNet,
    decimal BasePerYear,
    decimal BaseNet,
    decimal VatRate)
{
    public decimal Net => EnergyNet + BaseNet;
}

/// <summary>The VAT of all lines at one rate.</summary>
public sealed record VatTotal(decimal Rate, decimal Net, decimal Amount);

/// <summary>The next installment plan (Abschlagsplan) proposed with the bill.</summary>
public sealed record NextInstallmentPlan(long AnnualQuantity, decimal Amount, int Count, ImmutableArray<DateOnly> Dues);

/// <summary>The calculated bill: lines in date order, VAT per rate (highest first), totals and balance.</summary>
public sealed record Bill(
    QuantityUnit Unit,
    long Quantity,
    ImmutableArray<BillLine> Lines,
    decimal Net,
    ImmutableArray<VatTotal> Vat,
    decimal Gross,
    decimal Paid,
    decimal Balance,
    NextInstallmentPlan? NextInstallment);

/// <summary>The outcome of a calculation: a bill, or the reason the input cannot give one.</summary>
public abstract record CalculationResult
{
    private CalculationResult()
    {
    }

    public sealed record Calculated(Bill Bill) : CalculationResult;

    /// <summary>The input is inconsistent (gaps, missing prices, ...); <see cref="Reason"/> is one line naming the problem.</summary>
    public sealed record Rejected(Text Text) : CalculationResult
    {
        /// <summary>The English reason.</summary>
        public string Reason => Text.ToString();
    }
}
