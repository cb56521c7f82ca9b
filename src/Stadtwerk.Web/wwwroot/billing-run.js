// Live progress of a billing run: polls the API while the run is running, reloads the page for the report when it ends.
(() => {
  const section = document.getElementById("fortschritt");
  if (!section || section.dataset.status !== "running") return;
  const number = section.dataset.run;
  // The page's language (the switch sets <html lang>): German 1.234 and "07:05:00 Uhr", English 1,234 and "07:05:00", as German.cs writes them.
  const english = document.documentElement.lang === "en";
  const de = new Intl.NumberFormat(english ? "en-GB" : "de-DE");
  const clock = new Intl.DateTimeFormat("de-DE", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Europe/Berlin" });
  const time = { format: (moment) => clock.format(moment) + (english ? "" : " Uhr") };
  const set = (field, text) => { const el = section.querySelector(`[data-field="${field}"]`); if (el) el.textContent = text; };
  const bar = document.getElementById("run-progress");
  async function poll() {
    try {
      const response = await fetch(`/api/billing-runs/${number}`, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const run = await response.json();
        if (run.status !== "running") { window.location.reload(); return; }
        bar.value = run.processed;
        set("percent", run.percent);
        set("billed", de.format(run.billed));
        set("held", de.format(run.held));
        set("failed", de.format(run.failed));
        set("skipped", de.format(run.skipped));
        set("rate", run.contractsPerSecond == null ? "–" : de.format(Math.round(run.contractsPerSecond)));
        set("end", run.expectedEnd == null ? "–" : time.format(new Date(run.expectedEnd)));
      }
    } catch { /* the next poll tries again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
