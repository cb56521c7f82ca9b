using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL; it connects to nothing.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StadtwerkDbContext>
{
    public StadtwerkDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StadtwerkDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=stadtwerk_design").Apply(options);
        return new StadtwerkDbContext(options.Options);
    }
}
