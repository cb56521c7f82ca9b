// Live progress of a billing run: polls the API while the run is running, reloads the page for the report when it ends.
(() => {
  const section = document.getElementById("fortschritt");
  if (!section || section.dataset.status !== "running") return;
  const number = section.dataset.run;
  const de = new Intl.NumberFormat("de-DE");
  const time = new Intl.DateTimeFormat("de-DE", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Europe/Berlin" });
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
