namespace Stadtwerk.Infrastructure.Import;

/// <summary>What one import file holds (docs/import.md describes the columns of each).</summary>
public enum ImportKind
{
    Customers,
    Tariffs,
    Premises,
    Contracts,
    Meters,
    Readings,
}

public static class ImportKinds
{
    /// <summary>The order <c>stadtwerk import all</c> follows: every file refers only to files before it.</summary>
    public static IReadOnlyList<ImportKind> InDependencyOrder { get; } =
    [
        ImportKind.Customers,
        ImportKind.Tariffs,
        ImportKind.Premises,
        ImportKind.Contracts,
        ImportKind.Meters,
        ImportKind.Readings,
    ];

    /// <summary>The name of the command and of the file in a folder: <c>customers</c>, <c>customers.csv</c>.</summary>
    public static string Name(this ImportKind kind) => kind switch
    {
        ImportKind.Customers => "customers",
        ImportKind.Tariffs => "tariffs",
        ImportKind.Premises => "premises",
        ImportKind.Contracts => "contracts",
        ImportKind.Meters => "meters",
        ImportKind.Readings => "readings",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind."),
    };

    public static string FileName(this ImportKind kind) => kind.Name() + ".csv";
}
