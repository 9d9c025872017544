"""Every input file is either read or quarantined with a reason; nothing is lost."""

from pathlib import Path

import docx
import pytest

from imrf_analysis.ingest import (
    RegisterError,
    collect_reviews,
    ingest_reviews,
    plan_ingest,
    read_review_or_quarantine,
)
from imrf_analysis.runs.manifest import UnaccountedFilesError, build_manifest
from imrf_analysis.store.schemas import REGISTER_COLUMNS

HEADER = "file,country_iso3,cycle,document_kind,language,date\n"


def _docx(path: Path, paragraphs: list[str]) -> None:
    document = docx.Document()
    document.add_heading("Objective 20: Remittances", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


@pytest.fixture
def input_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    _docx(folder / "kenya.docx", ["The cost of sending remittances fell to 4 per cent in 2025 "
                                  "after mobile money operators were licensed."])
    (folder / "senegal.md").write_text(
        "# Objectif 4\n\nLe registre d'état civil délivre désormais des actes de naissance "
        "aux enfants de migrants nés dans le pays.\n", encoding="utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "unregistered.txt").write_text("A review nobody registered.", encoding="utf-8")
    (folder / "notes.xyz").write_text("?", encoding="utf-8")
    (folder / "copy.docx").write_bytes((folder / "kenya.docx").read_bytes())
    (folder / "register.csv").write_text(
        HEADER
        + "kenya.docx,KEN,2026,national-review,en,2025-11-02\n"
        + "senegal.md,SEN,2026,national-review,fr,2025-10-12\n"
        + "empty.pdf,TGO,2026,national-review,fr,2025-10-01\n"
        + "copy.docx,KEN,2026,national-review,en,2025-11-03\n"
        + "missing.pdf,MEX,2026,national-review,es,2025-09-30\n"
        + "bad-row.pdf,XX,2026,national-review,es,2025-09-30\n",
        encoding="utf-8")
    return folder


def test_reads_registered_reviews_and_quarantines_the_rest_with_reasons(input_dir: Path):
    documents, passages, quarantine = ingest_reviews(input_dir)
    assert sorted(documents["file"]) == ["kenya.docx", "senegal.md"]
    reasons = dict(zip(quarantine["file"], quarantine["reason"], strict=True))
    assert reasons["empty.pdf"] == "the file is empty (0 bytes)"
    assert reasons["unregistered.txt"].startswith("not in the submission register, and no country")
    assert reasons["notes.xyz"] == "unsupported file type '.xyz'"
    assert reasons["copy.docx"] == "exact duplicate of kenya.docx"
    assert reasons["missing.pdf"].startswith("listed in the register but no such file")
    assert "not an ISO 3166 alpha-3 code" in reasons["bad-row.pdf"]
    assert quarantine["hint"].str.len().min() > 0


def test_passages_carry_provenance_and_detected_language(input_dir: Path):
    documents, passages, _ = ingest_reviews(input_dir)
    senegal = passages[passages["file"] == "senegal.md"].iloc[0]
    assert senegal["country_iso3"] == "SEN"
    assert senegal["language"] == "fr"
    assert list(senegal["heading_path"]) == ["Objectif 4"]
    assert senegal["page"] == 0  # Markdown has no pages: cited by section
    kenya = documents.set_index("file").loc["kenya.docx"]
    assert kenya["country_name"] == "Kenya"
    assert list(kenya["commissions"]) == ["ECA"]
    assert len(kenya["document_id"]) == 16


def test_manifest_accounts_for_every_input_file(input_dir: Path):
    plan = plan_ingest(input_dir)
    documents, _, quarantine = collect_reviews(plan, [read_review_or_quarantine(r)
                                                     for r in plan.reviews])
    manifest = build_manifest(plan.input_files, documents, quarantine, {})
    assert manifest["input_files"] == 6
    assert len(manifest["processed"]) + len(manifest["quarantined"]) == 6
    assert manifest["register_problems"] == ["bad-row.pdf", "missing.pdf"]
    with pytest.raises(UnaccountedFilesError, match="ghost.pdf"):
        build_manifest((*plan.input_files, "ghost.pdf"), documents, quarantine, {})


def test_without_a_register_every_file_is_read_as_unregistered(tmp_path: Path):
    (tmp_path / "kenya-review-2026.md").write_text("# Objective 5\n\nText.\n", encoding="utf-8")
    plan = plan_ingest(tmp_path)
    assert [(r.entry.file, r.registered) for r in plan.reviews] == [
        ("kenya-review-2026.md", False)]
    assert plan.quarantined == ()


def test_unchanged_reports_are_kept_only_for_the_same_inputs_and_intact_outputs(tmp_path):
    import json

    from imrf_analysis.runs.manifest import output_hashes, unchanged_reports

    reports = tmp_path / "reports"
    reports.mkdir()
    report = reports / "report-ECA.html"
    report.write_text("<html></html>")
    (reports / "table.csv").write_text("a,b\n")
    manifest = tmp_path / "processed" / "run_manifest.json"
    manifest.parent.mkdir()
    assert unchanged_reports(manifest, "abc") is None
    outputs = output_hashes([reports, manifest.parent], manifest)
    assert set(outputs) == {"../reports/report-ECA.html", "../reports/table.csv"}
    manifest.write_text(json.dumps({"inputs_fingerprint": "abc", "reports": [str(report)],
                                    "outputs": outputs}))
    assert unchanged_reports(manifest, "abc") == [report]
    assert unchanged_reports(manifest, "other") is None
    (reports / "table.csv").write_text("a,b\n1,2\n")  # edited since the run
    assert unchanged_reports(manifest, "abc") is None
    (reports / "table.csv").write_text("a,b\n")
    assert unchanged_reports(manifest, "abc") == [report]
    report.unlink()
    assert unchanged_reports(manifest, "abc") is None
    manifest.write_text("{not json")
    assert unchanged_reports(manifest, "abc") is None


def _register(folder: Path, *rows: str) -> None:
    (folder / "register.csv").write_text(HEADER + "".join(f"{r}\n" for r in rows),
                                         encoding="utf-8")


def _quarantined(plan) -> dict[str, str]:
    return {q.file: q.reason for q in plan.quarantined}


def test_a_cycle_that_would_name_a_folder_elsewhere_is_rejected(tmp_path: Path):
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (folder / name).write_text("# Objective 5\n\nA review.\n", encoding="utf-8")
    _register(folder, "a.md,KEN,../../../x,national-review,en,2026-01-10",
              "b.md,KEN,/tmp/out,national-review,en,2026-01-10",
              "c.md,KEN,2026,national-review,en,2026-01-10")
    plan = plan_ingest(folder)
    reasons = _quarantined(plan)
    assert "is not a cycle name" in reasons["a.md"] and "is not a cycle name" in reasons["b.md"]
    assert [r.entry.file for r in plan.reviews] == ["c.md"]


def test_a_file_registered_twice_for_two_countries_is_credited_to_neither(tmp_path: Path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "review.md").write_text("# Objective 5\n\nA review.\n", encoding="utf-8")
    _register(folder, "review.md,SEN,2026,national-review,fr,2026-01-10",
              "review.md,KEN,2026,national-review,fr,2026-01-10")
    plan = plan_ingest(folder)
    assert plan.reviews == ()
    assert "country_iso3: 'KEN', 'SEN'" in _quarantined(plan)["review.md"]


def test_dates_must_be_iso_so_versions_are_ordered_without_guessing(tmp_path: Path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "review.md").write_text("# Objective 5\n\nA review.\n", encoding="utf-8")
    _register(folder, "review.md,KEN,2026,national-review,en,15/02/2026")
    assert "is not written YYYY-MM-DD" in _quarantined(plan_ingest(folder))["review.md"]


@pytest.mark.parametrize(("encoding", "separator"), [
    ("cp1252", ";"),  # Excel "CSV" in a French or Spanish locale
    ("utf-16", "\t"),  # Excel "Unicode text"
    ("utf-8-sig", ","),  # Excel "CSV UTF-8"
])
def test_registers_as_spreadsheets_save_them_are_read(tmp_path: Path, encoding, separator):
    folder = tmp_path / "raw"
    folder.mkdir()
    name = "révision-nationale.md"
    (folder / name).write_text("# Objectif 5\n\nUne revue.\n", encoding="utf-8")
    rows = [REGISTER_COLUMNS, (name, "SEN", "2026", "national-review", "fr", "2026-01-10")]
    (folder / "register.csv").write_bytes(
        "\r\n".join(separator.join(row) for row in rows).encode(encoding))
    plan = plan_ingest(folder)
    assert [(r.entry.file, r.entry.country_iso3) for r in plan.reviews] == [(name, "SEN")]


def test_a_register_that_is_not_text_or_lacks_columns_is_named_in_one_message(tmp_path):
    (tmp_path / "register.csv").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 10)
    with pytest.raises(RegisterError, match="not text in UTF-8, UTF-16 or Windows-1252"):
        plan_ingest(tmp_path)
    (tmp_path / "register.csv").write_text("file;country\nreview.pdf;SEN\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="lacks column.*cycle.*first line reads"):
        plan_ingest(tmp_path)


def test_a_file_too_large_to_be_a_register_is_refused_in_one_message(tmp_path):
    row = "missing-review.pdf,KEN,2026,national-review,en,2025-12-03\n"
    header = "file,country_iso3,cycle,document_kind,language,date\n"
    (tmp_path / "register.csv").write_text(header + row * 20_001, encoding="utf-8")
    with pytest.raises(RegisterError, match="20,001 rows is not a submission register"):
        plan_ingest(tmp_path)
    (tmp_path / "register.csv").write_text(header + row * 100_000, encoding="utf-8")
    with pytest.raises(RegisterError, match=r"5\.8 MB is not a submission register"):
        plan_ingest(tmp_path)
