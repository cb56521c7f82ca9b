using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shouldly;

namespace Stadtwerk.Browser.Tests;

/// <summary>
/// The money loop in the browser, one clerk's morning: the collection run and direct-debit file of a due date and a
/// second run of the same date, dunning (proposals, a block set and lifted), the credit-transfer file of the refunds,
/// and the open items on the contract page. Screenshots at 1366×768 go to /tmp/moneyloop-shots.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class MoneyLoopPagesTests(BrowserFixture browser)
{
    private const string Shots = "/tmp/moneyloop-shots";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    [Fact]
    public async Task A_clerk_collects_a_due_date_blocks_dunning_makes_the_refund_file_and_reads_the_open_items()
    {
        Directory.CreateDirectory(Shots);
        var page = await browser.SignedInPageAsync("/abrechnung");
        await page.SetViewportSizeAsync(1366, 768);

        // The clerk's start page leads to the three pages.
        foreach (var link in new[] { "/abrechnung/einzug", "/abrechnung/erstattungen", "/abrechnung/mahnwesen" })
        {
            (await page.Locator($"main a[href='{link}']").CountAsync()).ShouldBe(1, link);
        }

        // A demo contract that pays by direct debit gets its annual bill: the next installment plan starts at the end of next month.
        var (contractNumber, dueOn) = await BilledDirectDebitContractAsync(page);
        var dueText = dueOn.ToString("dd.MM.yyyy", German);

        await page.Locator("main a[href='/abrechnung/einzug']").ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/einzug");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Einzug (SEPA-Lastschriften)");

        // The collection run with the file of the date.
        await page.GetByLabel("Einzugslauf und Lastschriftdatei für Fälligkeit").FillAsync(dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Einzugslauf und Datei erstellen" }).ClickAsync();
        var created = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var file = FileMessage().Match(created);
        file.Success.ShouldBeTrue(created);
        file.Groups["id"].Value.ShouldStartWith($"STW-{dueOn:yyyyMMdd}-");
        int.Parse(file.Groups["count"].Value, NumberStyles.AllowThousands, German).ShouldBeGreaterThanOrEqualTo(1);
        created.ShouldContain("Einzugslauf: ");
        created.ShouldContain("Abschlagsanforderung");
        page.Url.ShouldEndWith("/abrechnung/einzug", Case.Sensitive, "post-redirect-get: the page is shown again by GET");
        var fileRow = page.Locator("#files tbody tr").Filter(new() { HasText = file.Groups["id"].Value });
        (await fileRow.InnerTextAsync()).ShouldContain(dueText);
        (await page.Locator("#runs tbody tr").First.InnerTextAsync()).ShouldContain(dueText);
        var download = await page.Context.APIRequest.GetAsync((await fileRow.Locator("a[download]").GetAttributeAsync("href"))!);
        download.Status.ShouldBe(200);
        (await download.TextAsync()).ShouldContain("urn:iso:std:iso:20022:tech:xsd:pain.008.001.08");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "einzug.png"), FullPage = true });

        // The file's own page: its totals, and the contract's entry among its debits, linked to the contract.
        await fileRow.GetByRole(AriaRole.Link, new() { Name = file.Groups["id"].Value, Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/abrechnung/einzug/dateien/{file.Groups["id"].Value}");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe($"Lastschriftdatei {file.Groups["id"].Value}");
        (await page.Locator("#file-facts").InnerTextAsync()).ShouldContain(dueText);
        (await page.Locator("#status-filter").InnerTextAsync()).ShouldContain("an die Bank übermittelt");
        var entriesShown = await page.Locator("#entries tbody tr").CountAsync();
        entriesShown.ShouldBeInRange(1, 100);
        (await page.Locator("#paging").InnerTextAsync()).ShouldStartWith("Einträge 1–");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "lastschriftdatei.png"), FullPage = true });
        await ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "← Lastschriften" }).ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/einzug");

        // A second action on the same page: the run alone for the same date finds everything done already.
        await page.GetByLabel("Nur Einzugslauf für Fälligkeit").FillAsync(dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Nur Einzugslauf" }).ClickAsync();
        var again = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        again.ShouldStartWith($"Einzugslauf für den {dueText}: ");
        again.ShouldContain("0 Abschlagsanforderungen, 0 Lastschriften über 0,00 €");
        var done = AlreadyDone().Match(again);
        done.Success.ShouldBeTrue(again);
        int.Parse(done.Groups[1].Value, NumberStyles.AllowThousands, German).ShouldBeGreaterThanOrEqualTo(1);
        (await page.Locator("#runs tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        (await page.Locator("#files tbody tr").Filter(new() { HasText = $"STW-{dueOn:yyyyMMdd}-" }).CountAsync()).ShouldBe(1, "the second run makes no file");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "einzug-zweiter-lauf.png"), FullPage = true });
        await ShouldBeAccessibleAsync(page);

        // Dunning: today's proposals, a block set on the contract and lifted again.
        await page.GotoAsync("/abrechnung/mahnwesen");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Mahnwesen");
        (await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Vorschläge für heute") }).CountAsync()).ShouldBe(1);
        var proposals = page.Locator("#proposals tbody tr");
        if (await proposals.CountAsync() == 0)
        {
            (await page.Locator("main").InnerTextAsync()).ShouldContain("Heute ist keine Mahnung vorgeschlagen.");
        }
        else
        {
            (await page.GetByRole(AriaRole.Button, new() { Name = "Ausgewählte Mahnungen senden" }).CountAsync()).ShouldBe(1);
            (await page.GetByRole(AriaRole.Button, new() { Name = "Alle senden" }).CountAsync()).ShouldBe(1);
        }

        await page.GetByLabel("Vertragsnummer").FillAsync("C9999999");
        await page.GetByLabel("Grund").FillAsync("Beschwerde zur Jahresabrechnung in Prüfung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mahnsperre setzen" }).ClickAsync();
        var refused = page.GetByRole(AriaRole.Status);
        (await refused.InnerTextAsync()).ShouldBe("Keine Mahnsperre gesetzt: Den Vertrag C9999999 gibt es nicht.");
        (await refused.GetAttributeAsync("class")).ShouldBe("error");

        await page.GetByLabel("Vertragsnummer").FillAsync(contractNumber);
        await page.GetByLabel("Grund").FillAsync("Beschwerde zur Jahresabrechnung in Prüfung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mahnsperre setzen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith($"Mahnsperre für Vertrag {contractNumber} bis ");
        var block = page.Locator("#blocks tbody tr").Filter(new() { HasText = contractNumber });
        (await block.InnerTextAsync()).ShouldContain("Beschwerde zur Jahresabrechnung in Prüfung");
        (await block.InnerTextAsync()).ShouldContain("abrechnung");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "mahnwesen.png"), FullPage = true });
        await ShouldBeAccessibleAsync(page);

        await block.GetByRole(AriaRole.Button, new() { Name = "aufheben" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe($"Mahnsperre für Vertrag {contractNumber} aufgehoben.");
        (await page.Locator("#blocks tbody tr").Filter(new() { HasText = contractNumber }).CountAsync()).ShouldBe(0);

        // Refunds: a bill with a credit asks for a payout; the credit-transfer file of tomorrow holds none of it, the one of its date does.
        var (refundContract, executeOn) = await BilledCreditContractAsync(page);
        var executeText = executeOn.ToString("dd.MM.yyyy", German);
        await page.GotoAsync("/abrechnung/erstattungen");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Erstattungen");
        var counts = await page.Locator("#payout-counts").InnerTextAsync();
        foreach (var status in new[] { "Offen", "Wartet auf Freigabe", "Wartet auf IBAN", "Übermittelt", "Gebucht", "Zurückgezogen" })
        {
            counts.ShouldContain(status);
        }

        // The list shows the first 200 of a status (a run on the shared demo may have made many): any row shows the mask.
        var payoutText = await page.Locator("#auszahlungen-open tbody tr").First.InnerTextAsync();
        payoutText.ShouldMatch(@"•••• •••• •••• •••• ••\d\d \d\d", "the IBAN is masked but for its last four characters");
        (await PayoutStatusAsync(page, refundContract)).ShouldBe("open");

        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Stadtwerk.Infrastructure.UtilityCalendar.TimeZone).Date).AddDays(1);
        await page.GetByLabel("Überweisungsdatei (pain.001) für Ausführung am").FillAsync(tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Überweisungsdatei erstellen" }).ClickAsync();
        var refunds = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        refunds.ShouldMatch($@"^(Überweisungsdatei STW-SCT-{tomorrow:yyyyMMdd}-\d+: .+ Ausführung am {tomorrow.ToString("dd.MM.yyyy", German)}\.|Bis zum {tomorrow.ToString("dd.MM.yyyy", German)} ist keine freigegebene Auszahlung fällig; keine Datei erstellt\.)$");
        page.Url.ShouldEndWith("/abrechnung/erstattungen");
        (await PayoutStatusAsync(page, refundContract)).ShouldBe("open", "the payout is due later than tomorrow");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "erstattungen.png"), FullPage = true });

        await page.GetByLabel("Überweisungsdatei (pain.001) für Ausführung am").FillAsync(executeOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Überweisungsdatei erstellen" }).ClickAsync();
        var transfer = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        transfer.ShouldMatch($@"^Überweisungsdatei STW-SCT-{executeOn:yyyyMMdd}-\d+: [\d.]+ Auszahlung(en)?, [\d.]+,\d{{2}} €, Ausführung am {executeText}\.$");
        (await PayoutStatusAsync(page, refundContract)).ShouldBe("submitted");
        var transferFile = page.Locator("#credit-transfer-files tbody tr").Filter(new() { HasText = $"STW-SCT-{executeOn:yyyyMMdd}-" });
        var xml = await page.Context.APIRequest.GetAsync((await transferFile.Locator("a[download]").GetAttributeAsync("href"))!);
        xml.Status.ShouldBe(200);
        (await xml.TextAsync()).ShouldContain("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "erstattungen-datei.png"), FullPage = true });
        await ShouldBeAccessibleAsync(page);

        // The credit-transfer file's page lists the refund of the contract, submitted.
        await transferFile.Locator("a:not([download])").ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/erstattungen/dateien/STW-SCT-*");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldStartWith("Überweisungsdatei STW-SCT-");
        await page.GetByLabel("Vertrag suchen").FillAsync(refundContract);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        var refundRow = page.Locator("#entries tbody tr").Filter(new() { HasText = refundContract });
        (await refundRow.InnerTextAsync()).ShouldContain("Übermittelt");
        (await refundRow.InnerTextAsync()).ShouldContain(executeText);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "ueberweisungsdatei.png"), FullPage = true });
        await ShouldBeAccessibleAsync(page);

        // The contract page: the installment the run asked for is an open item, not due yet.
        await page.GotoAsync($"/abrechnung/vertraege/{contractNumber}");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Offene Posten" }).CountAsync()).ShouldBe(1);
        var installment = page.Locator("#open-items tbody tr").Filter(new() { HasText = dueText });
        (await installment.InnerTextAsync()).ShouldContain("Abschlag");
        (await installment.InnerTextAsync()).ShouldContain("nicht fällig");
        (await page.Locator("#open-items-sums").InnerTextAsync()).ShouldContain("davon überfällig");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Offene Posten" }).ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "vertrag-offene-posten.png"), FullPage = true });
        await ShouldBeAccessibleAsync(page);
    }

    /// <summary>
    /// A demo contract with a SEPA mandate and no end, after its annual bill of 2021 through the API: the bill sets the
    /// next installment plan, whose first due date (the end of next month) the collection run asks. Contracts from
    /// C3000050 on, so that the other browser tests find theirs untouched.
    /// </summary>
    private static async Task<(string ContractNumber, DateOnly DueOn)> BilledDirectDebitContractAsync(IPage page)
    {
        for (var n = 3000050; n < 3000200; n++)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"C{n}");
            var contract = await ContractAsync(page, number);
            if (contract is not { } json || !json.TryGetProperty("bankAccount", out var account) || account.ValueKind != JsonValueKind.Object
                || (json.TryGetProperty("endDate", out var end) && end.ValueKind != JsonValueKind.Null))
            {
                continue;
            }

            // Billed now, or by another test's run on the shared demo before (409): either way it has its new plan.
            var bill = await page.Context.APIRequest.PostAsync($"/api/contracts/{number}/bills", new() { DataObject = new { periodStart = "2021-01-01", periodEnd = "2021-12-31" } });
            if (bill.Status is not (200 or 201 or 409))
            {
                continue;
            }

            var billed = (await ContractAsync(page, number))!.Value;
            if (billed.GetProperty("installmentPlan") is { ValueKind: JsonValueKind.Object } plan
                && DateOnly.ParseExact(plan.GetProperty("firstDue").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) is var firstDue
                && firstDue > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))
            {
                return (number, firstDue);
            }
        }

        throw new InvalidOperationException("no demo contract with a mandate could be billed");
    }

    /// <summary>A demo contract with a mandate whose annual bill of 2021 leaves a credit below the approval limit: a payout that waits for the file.</summary>
    private static async Task<(string ContractNumber, DateOnly ExecuteOn)> BilledCreditContractAsync(IPage page)
    {
        for (var n = 3000100; n < 3000900; n++)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"C{n}");
            if (await ContractAsync(page, number) is not { } json || !json.TryGetProperty("bankAccount", out var account) || account.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var response = await page.Context.APIRequest.PostAsync($"/api/contracts/{number}/bills", new() { DataObject = new { periodStart = "2021-01-01", periodEnd = "2021-12-31" } });
            JsonElement bill;
            if (response.Status is 200 or 201)
            {
                bill = (await response.JsonAsync())!.Value.GetProperty("bill");
            }
            else if (response.Status == 409)
            {
                // Billed before by another test's run on the shared demo: its latest bill, if it was issued today.
                var bills = (await (await page.Context.APIRequest.GetAsync($"/api/contracts/{number}/bills")).JsonAsync())!.Value.EnumerateArray().ToList();
                if (bills.Count == 0 || bills[^1].GetProperty("kind").GetString() != "annualBill"
                    || DateOnly.ParseExact(bills[^1].GetProperty("dueOn").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) <= DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)))
                {
                    continue;
                }

                bill = bills[^1];

                // Its payout must still wait for a file (another test may have paid it out already).
                var open = (await (await page.Context.APIRequest.GetAsync($"/api/payouts?status=open&contract={number}")).JsonAsync())!.Value.EnumerateArray();
                if (!open.Any(p => p.GetProperty("contractNumber").GetString() == number && p.GetProperty("billNumber").GetString() == bill.GetProperty("number").GetString()))
                {
                    continue;
                }
            }
            else
            {
                continue;
            }

            var balance = bill.GetProperty("balance").GetDecimal();
            if (balance is < 0 and >= -500)
            {
                return (number, DateOnly.ParseExact(bill.GetProperty("dueOn").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException("no demo contract with a mandate has a credit on its bill of 2021");
    }

    /// <summary>The page as it stands passes axe-core's WCAG 2.1 A/AA rules (as <see cref="AccessibilityTests"/> checks the other pages).</summary>
    private static async Task ShouldBeAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        result.Violations.Select(v => $"{page.Url} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})").ShouldBeEmpty();
    }

    private static async Task<string?> PayoutStatusAsync(IPage page, string contractNumber)
    {
        var payouts = (await (await page.Context.APIRequest.GetAsync($"/api/payouts?contract={contractNumber}")).JsonAsync())!.Value.EnumerateArray();
        return payouts.Where(p => p.GetProperty("contractNumber").GetString() == contractNumber).Select(p => p.GetProperty("status").GetString()).LastOrDefault();
    }

    private static async Task<JsonElement?> ContractAsync(IPage page, string number)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/contracts/{number}");
        return response.Ok ? (await response.JsonAsync())!.Value : null;
    }

    [GeneratedRegex(@"^Datei (?<id>STW-\d{8}-\d+): (?<count>[\d.]+) Lastschrift(?:en)? \([\d.]+ FRST, [\d.]+ RCUR\), [\d.]+,\d{2} €; Einzugslauf: ")]
    private static partial Regex FileMessage();

    [GeneratedRegex(@"([\d.]+) schon erledigt\.$")]
    private static partial Regex AlreadyDone();
}
