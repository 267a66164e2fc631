"""The CI examples work as their runners run them, and the GitLab Code Quality report has the shape GitLab reads.

The `run:` / `script:` bodies are taken from the YAML files and run with bash as the runners do
(`bash --noprofile --norc -eo pipefail`), in a folder holding copies of the example reports, so
findings are present; rapportkoll is the one installed in this environment.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rapportkoll.readers import READERS
from rapportkoll.reporters import codequality
from rapportkoll.run import check_paths
from rapportkoll.suites import load_suite

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "examples" / "ci"
HERRLJUNGA = ROOT / "examples" / "herrljunga-ks-delarsrapport-2023.txt"
ALINGSAS = ROOT / "examples" / "alingsas-ks-delarsbokslut-2024.xlsx"
PINNED = re.compile(r'pip install "git\+https://github\.com/OWNER/rapportkoll@COMMIT"')


def _workflow() -> dict:
    return yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))


def _gitlab_job() -> dict:
    return yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["rapportkoll"]


def _steps() -> list[dict]:
    return _workflow()["jobs"]["check"]["steps"]


def _bash(script: str, folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``script`` as GitHub and GitLab run it: bash, no profile, errexit and pipefail; rapportkoll on PATH."""
    path = folder / "step.sh"
    path.write_text(script, encoding="utf-8")
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(path)], cwd=folder,
                          capture_output=True, text=True, timeout=300, env=environment)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A checkout with two reports under rapporter/, in two formats, with findings."""
    (tmp_path / "rapporter" / "2024").mkdir(parents=True)
    shutil.copy(HERRLJUNGA, tmp_path / "rapporter" / HERRLJUNGA.name)
    shutil.copy(ALINGSAS, tmp_path / "rapporter" / "2024" / ALINGSAS.name)
    return tmp_path


def test_github_workflow_has_the_permissions_and_publishing_steps_it_needs():
    workflow = _workflow()
    assert workflow["permissions"]["security-events"] == "write"
    assert workflow["permissions"]["checks"] == "write"
    uses = {step.get("uses", "").split("@")[0]: step for step in _steps()}
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "rapportkoll.sarif"
    assert uses["dorny/test-reporter"]["with"]["path"] == "rapportkoll.xml"
    assert any(PINNED.search(step.get("run", "")) for step in _steps())
    assert PINNED.search(" ".join(_gitlab_job()["before_script"]))


@pytest.mark.parametrize("text", [(CI / "github-actions.yml"), (CI / "gitlab-ci.yml")], ids=["github", "gitlab"])
def test_every_readable_format_is_checked(text: Path):
    suffixes = set(re.search(r"\*\.\{([a-z,]+)\}", text.read_text(encoding="utf-8"))[1].split(","))
    assert {s.lstrip(".") for s in READERS} <= suffixes


def test_github_step_prints_annotations_and_summary_when_there_are_findings(reports: Path):
    step = next(s for s in _steps() if s.get("name") == "Check the reports")
    assert step["shell"] == "bash"
    summary = reports / "summary.md"
    run = _bash(step["run"], reports, GITHUB_STEP_SUMMARY=str(summary))
    assert run.returncode == 1, run.stderr
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    assert any(f"file=rapporter/{HERRLJUNGA.name},line=799,col=7" in line for line in annotations)
    assert any(f"file=rapporter/2024/{ALINGSAS.name}" in line for line in annotations)
    assert "RK101" in summary.read_text(encoding="utf-8")
    sarif = json.loads((reports / "rapportkoll.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    assert "<failure" in (reports / "rapportkoll.xml").read_text(encoding="utf-8")


def test_github_step_fails_with_2_and_still_reports_when_a_file_is_unreadable(reports: Path):
    (reports / "rapporter" / "skannad.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    step = next(s for s in _steps() if s.get("name") == "Check the reports")
    run = _bash(step["run"], reports, GITHUB_STEP_SUMMARY=str(reports / "summary.md"))
    assert run.returncode == 2, run.stderr
    assert any(line.startswith("::error file=rapporter/skannad.pdf") for line in run.stdout.splitlines())


def test_gitlab_script_writes_junit_and_code_quality_when_there_are_findings(reports: Path):
    job = _gitlab_job()
    run = _bash("\n".join(job["script"]), reports)
    assert run.returncode == 1, run.stderr
    assert "RK101" in run.stdout
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert (reports / artifacts["reports"]["junit"]).exists()
    issues = json.loads((reports / artifacts["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert {i["check_name"].split()[0] for i in issues} >= {"RK101", "RK122", "RK141"}


# The Code Quality reporter ----------------------------------------------------------------------

_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _issues(paths: list[Path]) -> list[dict]:
    stream = io.StringIO()
    codequality.render(check_paths(paths, load_suite(None, ())), stream, "en")
    return json.loads(stream.getvalue())


def test_code_quality_issues_have_the_fields_gitlab_reads():
    issues = _issues([HERRLJUNGA, ALINGSAS, ROOT / "examples" / "saknas.txt"])
    assert issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["severity"] in _SEVERITIES
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert isinstance(issue["location"]["path"], str) and issue["location"]["path"]
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    kommunstyrelsen = next(i for i in issues if i["check_name"] == "RK101 investering.total")
    assert kommunstyrelsen["location"] == {"path": str(HERRLJUNGA), "lines": {"begin": 799}}
    assert next(i for i in issues if i["check_name"] == "rapportkoll.unreadable")["severity"] == "blocker"


def test_code_quality_fingerprints_survive_lines_added_above(tmp_path: Path, monkeypatch):
    """The same report, under the same relative path, with two blank lines inserted at the top: every
    finding moves down two lines and keeps its fingerprint."""
    relative = HERRLJUNGA.relative_to(ROOT)
    monkeypatch.chdir(ROOT)
    original = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in _issues([relative])}
    (tmp_path / relative).parent.mkdir(parents=True)
    (tmp_path / relative).write_text("\n\n" + HERRLJUNGA.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shifted = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in _issues([relative])}
    assert len(original) >= 12
    assert shifted == {fingerprint: line + 2 for fingerprint, line in original.items()}
