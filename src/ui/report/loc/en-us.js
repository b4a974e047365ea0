define([], function() {
  return {
    "SectionTitle": "Readiness report",
    "Intro": "A record to hand on — to the Global admin who must do steps 6–9, or for the change board: every check with its evidence and next step, the steps' states, the user counts, the migration list's verdicts and the connection report. One HTML file that opens offline and prints cleanly (Ctrl+P gives a PDF).",
    "ExportReport": "Export report",
    "CopySummary": "Copy summary",
    "Exported": "Report downloaded: {0}",
    "Copied": "Summary copied: paste it into a Teams chat or an email.",
    "CopyManual": "This page cannot use the clipboard here: select the text below and copy it.",
    "CopyManualLabel": "Summary to copy"
  };
});
