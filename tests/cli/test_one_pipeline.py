"""`newsbrief extract` and import find a brief's figures through one pipeline: the same figures, and
offsets into the file's text exactly as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkout import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_extract_and_import_give_the_same_figures_for_every_seed(cli, tmp_path: Path, seed: Path) -> None:
    store = str(tmp_path / "store")
    [added] = cli("--store", store, "import", str(seed), "--json").json()["added"]
    stored = cli("--store", store, "figures", added, "--json").json()[0]["figures"]
    [extracted] = cli("extract", str(seed), "--json").json()
    assert extracted["figures"] == stored and stored


def test_extract_offsets_point_into_a_crlf_file_as_it_is(cli, tmp_path: Path) -> None:
    text = "date 2024-12-19\r\nAt least 100 soldiers were killed,\r\nofficials said on Monday.\r\n\r\nAnother 1,500 were wounded.\r\n"
    brief = tmp_path / "crlf.txt"
    brief.write_bytes(text.encode("utf-8"))
    [result] = cli("extract", str(brief), "--json").json()
    decoded = brief.read_bytes().decode("utf-8")
    assert [decoded[f["start"] : f["end"]] for f in result["figures"]] == [f["text"] for f in result["figures"]]
    assert {"At least 100", "Another 1,500"} <= {f["text"] for f in result["figures"]}
    assert not any(f["text"] == "2024-12-19" for f in result["figures"])  # the date marker is metadata, as at import
