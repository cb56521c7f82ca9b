using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite; it connects to nothing.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StadtwerkDbContext>
{
    public StadtwerkDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StadtwerkDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db").Apply(options);
        return new StadtwerkDbContext(options.Options);
    }
}
