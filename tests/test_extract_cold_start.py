"""`workbench extract` runs without loading the web app or the database layer (issue 12).

Its wall time on a short file is mostly start-up, so the CLI path must not import Flask,
SQLAlchemy or the HTML sanitizer (bleach) for a plain-text file."""

import json
import subprocess
import sys
import textwrap


def test_extract_of_a_text_file_loads_no_flask_sqlalchemy_or_bleach(tmp_path):
    src = tmp_path / "note.txt"
    src.write_text("The package includes $350 million in aid, officials said on March 3, 2024.\n")
    probe = textwrap.dedent(
        f"""
        import json, sys, io, contextlib
        from workbench.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                main(args=["extract", {str(src)!r}], standalone_mode=False)
            except SystemExit:
                pass
        heavy = sorted(m for m in ("flask", "sqlalchemy", "bleach", "workbench.models")
                       if m in sys.modules)
        print(json.dumps({{"heavy": heavy, "doc": json.loads(out.getvalue())}}))
        """
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []
    doc = result["doc"]
    assert doc["format"] == "fact-check-workbench/annotated-article"
    money = [f for c in doc["claims"] for f in c["figures"] if f["category"] == "money"]
    assert money and money[0]["value"]["amount"] == 350_000_000
