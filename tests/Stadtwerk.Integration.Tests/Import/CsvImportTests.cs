using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Import;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Import;

/// <summary>
/// The CSV import (docs/import.md) against a fresh database per test, on SQLite and on PostgreSQL (the two subclasses
/// below): valid files arrive complete and readable through the context; a file with any problem stores nothing and
/// names file, line and field of every problem; each file is its own transaction.
/// </summary>
public abstract class CsvImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset ImportTime = new(2026, 11, 25, 8, 30, 0, TimeSpan.Zero);

    private readonly ImportFolder folder = new();
    private TestDatabase? database;

    protected TestDatabase Database => database ?? throw new InvalidOperationException("The database is not created.");

    private static CancellationToken None => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        folder.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_valid_set_of_files_is_imported_and_read_back_through_the_context()
    {
        folder.WithValidSet();

        var results = await Importer().ImportFolderAsync(folder.Path, None);

        results.Select(r => (r.File, Rows: (r as FileImportResult.Imported)?.Rows)).ShouldBe(
        [
            ("customers.csv", 2), ("tariffs.csv", 3), ("premises.csv", 2), ("contracts.csv", 2), ("meters.csv", 2), ("readings.csv", 3),
        ]);

        await using var db = Database.Open();
        var anna = await db.Customers.SingleAsync(c => c.CustomerNumber == "K-1001", None);
        anna.DisplayName.ShouldBe("Müller, Anna");
        anna.Kind.ShouldBe(CustomerKind.Person);
        anna.Address.ToString().ShouldBe("Hauptstraße 12a, 01067 Musterstadt");
        anna.Email!.Value.ShouldBe("anna.mueller@example.de");
        anna.Phone!.Value.ShouldBe("+493511234567");
        anna.PreferredChannel.ShouldBe(ContactChannel.Email);
        anna.Version.ShouldBe(0);
        var bakery = await db.Customers.SingleAsync(c => c.CustomerNumber == "K-1002", None);
        bakery.DisplayName.ShouldBe("Bäckerei Schmidt; GmbH");
        bakery.MobilePhone!.Value.ShouldBe("+491712345678");
        bakery.Address.Country.ShouldBe("DE");

        var electricity = await db.Tariffs.SingleAsync(t => t.Code == "STROM-BASIS", None);
        electricity.Commodity.ShouldBe(Commodity.Electricity);
        electricity.Prices.Select(p => (p.ValidFrom, p.EnergyPrice, p.BasePricePerYear)).ShouldBe(
            [(new DateOnly(2020, 1, 1), 0.265m, 96m), (new DateOnly(2020, 7, 1), 0.272m, 99m)]);

        var home = await db.Premises.SingleAsync(p => p.PremiseNumber == "V-2001", None);
        home.MarketLocation!.Value.ShouldBe("41373559241");
        home.MeteringLocation!.Value.ShouldBe("DE00056266802AO6G56M11SN51G21M24S");
        (await db.Premises.SingleAsync(p => p.PremiseNumber == "V-2002", None)).NetworkArea.ShouldBe("Musterstadt-Nord");

        // Found by the foreign keys the import wrote: the ids are stored as EF Core stores them.
        var contract = await db.Contracts.SingleAsync(c => c.CustomerId == anna.Id && c.PremiseId == home.Id && c.TariffId == electricity.Id, None);
        contract.ContractNumber.ShouldBe("C-3001");
        contract.Commodity.ShouldBe(Commodity.Electricity);
        contract.StartDate.ShouldBe(new DateOnly(2020, 1, 1));
        contract.EndDate.ShouldBeNull();
        contract.BankAccount!.Iban.Value.ShouldBe("DE89370400440532013000");
        contract.BankAccount.Bic!.Value.ShouldBe("COBADEFFXXX");
        contract.BankAccount.Holder.ShouldBe("Anna Müller");
        contract.BankAccount.MandateSignedOn.ShouldBe(new DateOnly(2019, 12, 1));
        (contract.InstallmentPlan!.Amount, contract.InstallmentPlan.FirstDue, contract.InstallmentPlan.Count).ShouldBe((68m, new DateOnly(2020, 2, 28), 11));
        var gas = await db.Contracts.SingleAsync(c => c.ContractNumber == "C-3002", None);
        (gas.EndDate, gas.BankAccount, gas.InstallmentPlan).ShouldBe((new DateOnly(2021, 12, 31), null, null));

        var meter = await db.Meters.SingleAsync(m => m.MeterNumber == "Z-4001", None);
        (meter.Commodity, meter.Digits, meter.PremiseId, meter.InstalledOn).ShouldBe((Commodity.Electricity, 6, home.Id, new DateOnly(2019, 5, 1)));
        var readings = await db.Readings.Where(r => r.MeterId == meter.Id).OrderBy(r => r.Date).ToListAsync(None);
        readings.Select(r => (r.Date, r.Value, r.Kind, r.Source)).ShouldBe(
        [
            (new DateOnly(2020, 1, 1), 4012.5m, ReadingKind.Actual, ReadingSource.MeterReader),
            (new DateOnly(2020, 12, 31), 6480.2m, ReadingKind.CustomerReported, ReadingSource.Portal),
        ]);
        readings[0].RecordedAt.ShouldBe(ImportTime);
        var imported = await db.Readings.SingleAsync(r => r.Value == 12034m, None);
        (imported.Kind, imported.Source).ShouldBe((ReadingKind.Actual, ReadingSource.Import));
    }

    [Fact]
    public async Task A_comma_separated_file_without_byte_order_mark_is_read_too()
    {
        var path = folder.File("customers.csv");
        await File.WriteAllTextAsync(path, "customer_number,kind,last_name,street,house_number,postal_code,city\nK-7,person,\"Weber, geb. Klein\",Gartenweg,5,01067,Musterstadt\n", None);

        var result = await Importer().ImportFileAsync(ImportKind.Customers, path, None);

        result.ShouldBeOfType<FileImportResult.Imported>().Rows.ShouldBe(1);
        await using var db = Database.Open();
        (await db.Customers.SingleAsync(None)).LastName.ShouldBe("Weber, geb. Klein");
    }

    [Fact]
    public async Task Customers_with_problems_import_nothing_and_every_problem_names_line_and_field()
    {
        await ImportAsync(ImportKind.Customers, "customers.csv", ValidSet.CustomersHeader, "K-1;person;Anna;Alt;;Weg;1;01067;Musterstadt;;;;;");
        var path = folder.Write(
            "customers.csv",
            ValidSet.CustomersHeader,
            "K-2;person;Ben;Neu;;Weg;2;01067;Musterstadt;;;;;",
            "K-2;person;Ben;Doppelt;;Weg;2;01067;Musterstadt;;;;;",
            "K-1;person;Anna;Alt;;Weg;1;01067;Musterstadt;;;;;",
            "K-3;person;Clara;;;Weg;3;01067;Musterstadt;;clara@;;;email",
            "K-4;company;;;Firma;Weg;4;0106;Musterstadt;;;;;",
            "K 5;business;;;Firma;Weg;5;01067;Musterstadt;;;12;;phone");

        var rejected = (await Importer().ImportFileAsync(ImportKind.Customers, path, None)).ShouldBeOfType<FileImportResult.Rejected>();

        rejected.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "customers.csv line 3, field customer_number: customer number K-2 appears twice in the file (first on line 2)",
            "customers.csv line 4, field customer_number: customer number K-1 is already taken",
            "customers.csv line 5, field email: email address clara@ has no domain after the @",
            "customers.csv line 5, field last_name: a person needs a last name",
            "customers.csv line 6, field kind: 'company' is unknown; expected person, business",
            "customers.csv line 6, field postal_code: postal code 0106 must be 5 digits in Germany",
            "customers.csv line 7, field phone: phone number 12 lacks the area code",
            "customers.csv line 7, field customer_number: must be 1 to 20 letters, digits or dashes",
        ]);
        rejected.ErrorCount.ShouldBe(8);
        await using var db = Database.Open();
        (await db.Customers.Select(c => c.CustomerNumber).ToListAsync(None)).ShouldBe(["K-1"]);
    }

    [Fact]
    public async Task A_public_sector_customer_brings_its_Leitweg_ID_and_a_wrong_one_is_named()
    {
        var header = ValidSet.CustomersHeader + ";leitweg_id";
        var wrong = folder.Write(
            "customers.csv",
            header,
            "K-7;business;;;Stadtverwaltung Musterstadt;Rathausplatz;1;01067;Musterstadt;;rechnung@musterstadt.example;;;email;04011000-1234512345-07",
            "K-8;person;Anna;Amt;;Weg;1;01067;Musterstadt;;;;;;04011000-1234512345-06");
        var rejected = (await Importer().ImportFileAsync(ImportKind.Customers, wrong, None)).ShouldBeOfType<FileImportResult.Rejected>();
        rejected.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "customers.csv line 2, field leitweg_id: Leitweg-ID 04011000-1234512345-07 has the check digits 07, but its address gives 06",
            "customers.csv line 3, field leitweg_id: only a public-sector organisation (kind business) has a Leitweg-ID",
        ]);

        var right = folder.Write(
            "customers.csv",
            header,
            "K-7;business;;;Stadtverwaltung Musterstadt;Rathausplatz;1;01067;Musterstadt;;rechnung@musterstadt.example;;;email;04011000-1234512345-06",
            "K-8;person;Anna;Amt;;Weg;1;01067;Musterstadt;;;;;;");
        (await Importer().ImportFileAsync(ImportKind.Customers, right, None)).ShouldBeOfType<FileImportResult.Imported>();
        await using var db = Database.Open();
        (await db.Customers.SingleAsync(c => c.CustomerNumber == "K-7", None)).LeitwegId!.Value.ShouldBe("04011000-1234512345-06");
        (await db.Customers.SingleAsync(c => c.CustomerNumber == "K-8", None)).LeitwegId.ShouldBeNull();
    }

    [Fact]
    public async Task Premises_with_a_bad_market_location_or_an_unknown_commodity_import_nothing()
    {
        var path = folder.Write(
            "premises.csv",
            ValidSet.PremisesHeader,
            "V-1;electricity;Weg;1;01067;Musterstadt;;41373559241;;",
            "V-2;electricity;Weg;2;01067;Musterstadt;;41373559242;;",
            "V-3;fernwaerme;Weg;3;01067;Musterstadt;;;;",
            "V-4;gas;Weg;4;01067;Musterstadt;;41373559241;;",
            "V-5;water;Weg;5;01067;Musterstadt;;;;");

        var rejected = (await Importer().ImportFileAsync(ImportKind.Premises, path, None)).ShouldBeOfType<FileImportResult.Rejected>();

        rejected.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "premises.csv line 3, field market_location_id: market location ID 41373559242 fails the check digit: the last digit should be 1",
            "premises.csv line 4, field commodity: 'fernwaerme' is unknown; expected electricity, gas, water, heat",
            "premises.csv line 5, field market_location_id: market location ID 41373559241 appears twice in the file (first on line 2)",
            "premises.csv line 5, field network_area: a gas supply point needs its network area for the conversion factors",
        ]);
        await using var db = Database.Open();
        (await db.Premises.CountAsync(None)).ShouldBe(0);
    }

    [Fact]
    public async Task Contracts_with_a_bad_IBAN_unknown_references_or_overlapping_supply_import_nothing()
    {
        folder.WithValidSet();
        foreach (var kind in new[] { ImportKind.Customers, ImportKind.Tariffs, ImportKind.Premises, ImportKind.Contracts })
        {
            (await Importer().ImportFileAsync(kind, folder.File(kind.FileName()), None)).ShouldBeOfType<FileImportResult.Imported>();
        }

        var path = folder.Write(
            "more-contracts.csv",
            ValidSet.ContractsHeader,
            "C-1;K-1001;V-2001;STROM-BASIS;2018-01-01;2019-12-31;VK-1;DE89370400440532013001;;Anna Müller;M-1;2017-12-01;;;",
            "C-2;K-9999;V-2001;STROM-BASIS;2018-01-01;2019-12-31;VK-2;;;;;;;;",
            "C-3;K-1002;V-9999;NACHT;2018-01-01;;VK-3;;;;;;;;",
            "C-4;K-1002;V-2002;STROM-BASIS;2018-01-01;2019-12-31;VK-4;;;;;;;;",
            "C-5;K-1001;V-2001;STROM-BASIS;2021-06-01;;VK-5;;;;;;;;",
            "C-6;K-1001;V-2001;STROM-BASIS;2017-01-01;2019-06-30;VK-6;;;;;;;;",
            "C-7;K-1001;V-2001;STROM-BASIS;2019-05-01;2019-12-31;VK-7;;;;;;;;",
            "C-8;K-1002;V-2002;GAS-BASIS;2016-01-01;2016-12-31;VK-8;;;;;;-5;2016-02-01;",
            "C-3001;K-1001;V-2001;STROM-BASIS;2016-01-01;2016-12-31;VK-9;;;;;;;;");

        var rejected = (await Importer().ImportFileAsync(ImportKind.Contracts, path, None)).ShouldBeOfType<FileImportResult.Rejected>();

        rejected.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "more-contracts.csv line 2, field iban: IBAN DE89370400440532013001 fails the check digits (mod 97)",
            "more-contracts.csv line 3, field customer_number: customer K-9999 does not exist",
            "more-contracts.csv line 4, field premise_number: premise V-9999 does not exist",
            "more-contracts.csv line 4, field tariff_code: tariff NACHT does not exist",
            "more-contracts.csv line 5, field tariff_code: tariff STROM-BASIS is for electricity, the supply point for gas",
            "more-contracts.csv line 6, field start_date: premise V-2001 is supplied under contract C-3001 on these days",
            "more-contracts.csv line 8, field start_date: premise V-2001 is supplied under contract C-6 (line 7) on these days",
            "more-contracts.csv line 9, field installment_amount: must be a whole number of euros, zero or more",
            "more-contracts.csv line 10, field contract_number: contract number C-3001 is already taken",
        ]);
        await using var db = Database.Open();
        (await db.Contracts.CountAsync(None)).ShouldBe(2);
    }

    [Fact]
    public async Task Readings_before_installation_negative_or_of_unknown_meters_import_nothing()
    {
        folder.WithValidSet();
        (await Importer().ImportFolderAsync(folder.Path, None)).ShouldAllBe(r => r is FileImportResult.Imported);
        var path = folder.Write(
            "more-readings.csv",
            ValidSet.ReadingsHeader,
            "Z-4001;2019-04-30;100;;",
            "Z-4001;2021-01-01;-1;;",
            "Z-9999;2021-01-01;100;;",
            "Z-4001;2020-12-31;6500;;",
            "Z-4002;2021-06-30;100000;;",
            "Z-4002;2021-12-31;13000;estimated;",
            "Z-4002;31.12.2021;13000,5;;",
            "Z-4002;2022-12-31;1.300,5;guessed;",
            "Z-4002;2023-12-31;14000.1234;;");

        var rejected = (await Importer().ImportFileAsync(ImportKind.Readings, path, None)).ShouldBeOfType<FileImportResult.Rejected>();

        rejected.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "more-readings.csv line 2, field date: meter Z-4001 was installed on 2019-05-01, after 2019-04-30",
            "more-readings.csv line 3, field value: must not be negative",
            "more-readings.csv line 4, field meter_number: meter Z-9999 does not exist",
            "more-readings.csv line 5, field date: meter Z-4001 already has a reading on 2020-12-31",
            "more-readings.csv line 6, field value: does not fit the register's 5 digits",
            "more-readings.csv line 8, field date: meter Z-4002 has a reading on 2021-12-31 on line 7 already",
            "more-readings.csv line 9, field value: '1.300,5' is not a number; write it like 1234.5 or 1234,5 (no thousands separators)",
            "more-readings.csv line 9, field kind: 'guessed' is unknown; expected actual, estimated, customerReported",
            "more-readings.csv line 10, field value: 14000.1234 has 4 decimals, at most 3 are kept",
        ]);
        await using var db = Database.Open();
        (await db.Readings.CountAsync(None)).ShouldBe(3);
    }

    [Fact]
    public async Task Meters_at_unknown_premises_or_removed_before_installation_import_nothing()
    {
        folder.WithValidSet();
        await ImportAsync(ImportKind.Premises, "premises.csv", ValidSet.Premises);
        var path = folder.Write(
            "meters.csv",
            ValidSet.MetersHeader,
            "Z-1;V-2001;2019-05-01;;6",
            "Z-2;V-0000;2019-05-01;;6",
            "Z-3;V-2001;2019-05-01;2019-04-01;6",
            "Z-4;V-2002;2019-05-01;;zwölf",
            "Z-1;V-2002;2019-05-01;;0");

        var rejected = (await Importer().ImportFileAsync(ImportKind.Meters, path, None)).ShouldBeOfType<FileImportResult.Rejected>();

        rejected.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "meters.csv line 3, field premise_number: premise V-0000 does not exist",
            "meters.csv line 4, field removed_on: is before the installation on 2019-05-01",
            "meters.csv line 5, field digits: 'zwölf' is not a whole number",
            "meters.csv line 6, field meter_number: meter number Z-1 appears twice in the file (first on line 2)",
            "meters.csv line 6, field digits: must be between 1 and 15",
        ]);
        await using var db = Database.Open();
        (await db.Meters.CountAsync(None)).ShouldBe(0);
    }

    [Fact]
    public async Task A_rejected_file_keeps_the_files_imported_before_it_and_stops_the_folder()
    {
        folder.WithValidSet();
        folder.Write("premises.csv", ValidSet.PremisesHeader, "V-2001;electricity;Hauptstraße;12a;01067;Musterstadt;DE;41373559240;;");

        var results = await Importer().ImportFolderAsync(folder.Path, None);

        results.Select(r => $"{r.File} {r.GetType().Name}").ShouldBe(
        [
            "customers.csv Imported", "tariffs.csv Imported", "premises.csv Rejected",
            "contracts.csv NotAttempted", "meters.csv NotAttempted", "readings.csv NotAttempted",
        ]);
        await using var db = Database.Open();
        (await db.Customers.CountAsync(None)).ShouldBe(2);
        (await db.Tariffs.CountAsync(None)).ShouldBe(2);
        (await db.Premises.CountAsync(None)).ShouldBe(0);
    }

    [Fact]
    public async Task A_folder_without_some_files_imports_those_it_has()
    {
        folder.Write("customers.csv", ValidSet.Customers);

        var results = await Importer().ImportFolderAsync(folder.Path, None);

        results.Select(r => $"{r.File} {r.GetType().Name}").ShouldBe(
        [
            "customers.csv Imported", "tariffs.csv Missing", "premises.csv Missing", "contracts.csv Missing", "meters.csv Missing", "readings.csv Missing",
        ]);
    }

    [Fact]
    public async Task Problems_of_the_file_itself_name_their_line()
    {
        var header = (await Importer().ImportFileAsync(ImportKind.Meters, folder.Write("meters.csv", "meter_number;premise;installed_on", "Z-1;V-1;2020-01-01"), None))
            .ShouldBeOfType<FileImportResult.Rejected>();
        header.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "meters.csv line 1: unknown column premise; the columns are meter_number, premise_number, installed_on, removed_on, digits",
            "meters.csv line 1: the required column premise_number is missing",
        ]);

        var rows = (await Importer().ImportFileAsync(
                ImportKind.Meters,
                folder.Write("meters.csv", ValidSet.MetersHeader, "Z-1;V-1;2020-01-01", "Z-2;\"V-2\"x;2020-01-01;;", "Z-3;\"V-3\nV-4\";2020-01-01;;6;7"),
                None))
            .ShouldBeOfType<FileImportResult.Rejected>();
        rows.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "meters.csv line 2: has 3 fields, but the header has 5",
            "meters.csv line 3: has a quote inside a field; put the whole field in quotes and double the quotes inside it (\"Name \"\"Zur Post\"\"\")",
            "meters.csv line 4: has 6 fields, but the header has 5",
        ]);

        var unclosed = (await Importer().ImportFileAsync(ImportKind.Meters, folder.Write("meters.csv", ValidSet.MetersHeader, "Z-1;V-1;2020-01-01;;", "Z-2;\"V-2;2020-01-01;;", "Z-3;V-3;2020-01-01;;"), None))
            .ShouldBeOfType<FileImportResult.Rejected>();
        unclosed.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "meters.csv line 2, field premise_number: premise V-1 does not exist",
            "meters.csv line 3: has a quote that is never closed; the rest of the file was read as one field",
        ]);

        var empty = (await Importer().ImportFileAsync(ImportKind.Meters, folder.Write("meters.csv"), None)).ShouldBeOfType<FileImportResult.Rejected>();
        empty.Errors.Single().ToString().ShouldStartWith("meters.csv: the file is empty");
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_is_rejected_with_the_line()
    {
        var path = folder.File("customers.csv");
        var latin1 = System.Text.Encoding.Latin1;
        await File.WriteAllBytesAsync(path, latin1.GetBytes(string.Join("\r\n", ValidSet.Customers) + "\r\n"), None);

        var rejected = (await Importer().ImportFileAsync(ImportKind.Customers, path, None)).ShouldBeOfType<FileImportResult.Rejected>();

        rejected.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "customers.csv line 2: is not valid UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
            "customers.csv line 3: is not valid UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        ]);
    }

    [Fact]
    public async Task At_most_100_problems_are_kept_and_all_are_counted()
    {
        var rows = Enumerable.Range(1, 150).Select(i => $"Z-{i};V-1;2020-13-01;;").Prepend(ValidSet.MetersHeader).ToArray();

        var rejected = (await Importer().ImportFileAsync(ImportKind.Meters, folder.Write("meters.csv", rows), None)).ShouldBeOfType<FileImportResult.Rejected>();

        rejected.ErrorCount.ShouldBe(300);
        rejected.Errors.Count.ShouldBe(CsvImporter.MaxReportedErrors);
        rejected.Errors[0].ToString().ShouldBe("meters.csv line 2, field premise_number: premise V-1 does not exist");
        rejected.Errors[1].ToString().ShouldBe("meters.csv line 2, field installed_on: '2020-13-01' is not a date (yyyy-MM-dd or dd.MM.yyyy)");
    }

    [Fact]
    public async Task An_unmigrated_database_is_refused_before_anything_is_read()
    {
        await using var empty = await TestDatabase.CreateAsync(provider, migrate: false);
        var importer = new CsvImporter(empty.Settings, new FixedClock(ImportTime));

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => importer.ImportFileAsync(ImportKind.Customers, folder.Write("customers.csv", ValidSet.Customers), None));

        refused.Message.ShouldContain("run 'stadtwerk db migrate' first");
    }

    protected CsvImporter Importer() => new(Database.Settings, new FixedClock(ImportTime));

    private async Task ImportAsync(ImportKind kind, string file, params string[] lines) =>
        (await Importer().ImportFileAsync(kind, folder.Write(file, lines), None)).ShouldBeOfType<FileImportResult.Imported>();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class CsvImportOnSqliteTests() : CsvImportTests(DatabaseProvider.Sqlite);

public sealed class CsvImportOnPostgresTests() : CsvImportTests(DatabaseProvider.Postgres);
