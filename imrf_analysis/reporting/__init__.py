"""What a run publishes: reports (HTML, Word), charts, tables (CSV, XLSX) and review sheets."""
