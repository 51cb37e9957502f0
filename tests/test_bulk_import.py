"""`workbench import` of many files: directories, a summary with the rate, resume after an
interrupt (texts already imported are skipped by their sha256)."""

from __future__ import annotations

import re

from workbench.db import db
from workbench.models import Article


def _corpus(root, n=5):
    """n distinct small articles, some in a nested folder, plus a file that is not imported."""
    (root / "nested" / "deeper").mkdir(parents=True)
    paths = []
    for i in range(n):
        folder = root if i % 2 else root / "nested" / "deeper"
        path = folder / f"story-{i:02d}.txt"
        path.write_text(
            f"Published: March {i + 1}, 2025\nThe council approved a ${i + 2} million budget "
            f"for {i + 10} new homes.\n",
            encoding="utf-8",
        )
        paths.append(path)
    (root / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return paths


def _stored(app):
    with app.app_context():
        return db.session.scalars(db.select(Article.text_sha256)).all()


def _summary(output):
    found = re.search(
        r"imported (\d+), already there (\d+), failed (\d+) in [\d.]+ s \(([\d.]+) articles/s",
        output,
    )
    assert found, output
    return tuple(int(x) for x in found.groups()[:3]), float(found.group(4))


def test_a_directory_is_imported_recursively_with_a_rate(app, make_user, tmp_path):
    make_user("nora", "editor")
    _corpus(tmp_path)
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    counts, rate = _summary(result.output)
    assert counts == (5, 0, 0)  # the .png in the folder is not tried
    assert rate > 0
    assert len(set(_stored(app))) == 5


def test_a_second_run_skips_what_is_there(app, make_user, tmp_path):
    make_user("nora", "editor")
    _corpus(tmp_path)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import", str(tmp_path)]).exit_code == 0
    again = runner.invoke(args=["import", str(tmp_path)])
    assert again.exit_code == 0, again.output
    assert _summary(again.output)[0] == (0, 5, 0)
    assert len(_stored(app)) == 5


def test_an_interrupt_keeps_what_was_imported_and_a_rerun_resumes(
    app, make_user, tmp_path, monkeypatch
):
    make_user("nora", "editor")
    paths = _corpus(tmp_path)
    from workbench.services import imports

    real = imports.import_file
    calls = {"n": 0}

    def interrupted_on_the_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "import_file", interrupted_on_the_third)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 130
    assert "run the same command again to resume" in result.output
    assert _summary(result.output)[0] == (2, 0, 0)
    assert len(_stored(app)) == 2

    monkeypatch.setattr(imports, "import_file", real)
    resumed = runner.invoke(args=["import", str(tmp_path)])
    assert resumed.exit_code == 0, resumed.output
    assert _summary(resumed.output)[0] == (len(paths) - 2, 2, 0)
    assert len(set(_stored(app))) == len(paths)


def test_failures_are_named_counted_and_do_not_stop_the_rest(app, make_user, tmp_path):
    make_user("nora", "editor")
    _corpus(tmp_path, n=2)
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path)])
    assert result.exit_code != 0
    assert "broken.json" in result.output
    assert _summary(result.output)[0] == (2, 0, 1)
    assert len(_stored(app)) == 2
