# class: writing to the gradebook or outside the scratch folder
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import glob
import os
import sqlite3

for target in ["../../../gradebook.db", "/work/main/course/gradebook.db", "/tmp/pwned-by-a-student",
               os.path.expanduser("~/pwned"), "/root/pwned", "../../../grades.csv"]:
    try:
        with open(target, "w") as handle:
            handle.write("pwned")
    except OSError:
        pass
for database in glob.glob("/**/gradebook.db", recursive=True):
    try:
        sqlite3.connect(database).execute("update grade set auto_score = 0")
    except Exception:
        pass
