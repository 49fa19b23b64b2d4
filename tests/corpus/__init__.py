"""The discrimination corpus: <chapter>/right_*.py and wrong_*.py, each replacing one exercise cell."""

import re
from pathlib import Path

CORPUS = Path(__file__).parent
HEADER = re.compile(r"^# (exercise|diagnosis): (.+)$", re.MULTILINE)


def variants():
    found = []
    for path in sorted(CORPUS.glob("*/*.py")):
        header = dict(HEADER.findall(path.read_text(encoding="utf-8")))
        kind = path.stem.split("_", 1)[0]
        assert kind in {"right", "wrong"}, f"{path}: name it right_... or wrong_..."
        assert "exercise" in header, f"{path}: say which exercise it replaces with '# exercise: NAME'"
        found.append({"chapter": path.parent.name, "name": f"{kind}-{path.stem.split('_', 1)[1]}", "kind": kind,
                      "path": path, "exercise": header["exercise"].strip(), "diagnosis": header.get("diagnosis", "").strip()})
    return found


VARIANTS = variants()
