"""Realistic learning-platform exports of one class, for the collect and export tests.

The layouts are the platforms' own:

* Canvas's ``submissions.zip`` (Assignment > Download Submissions): flat, one file
  per submitted file, ``<sortable name squashed, lowercase>[_late]_<user id>_<submission id>_<original name>``,
  a resubmitted file getting ``-1`` before its extension;
* Moodle's "Download all submissions": one folder per participant,
  ``<Full name>_<participant id>_assignsubmission_file_/<original name>``.

The class has what real classes have: two different Jane Smiths, "Zhang Wei"
and "Zhang Wei 张伟", a name in Chinese only, accented names, a name with a
comma and a quote, a late submission, and one student who did not submit.
"""

import csv
import zipfile

from autograder.examples import canvas_path, moodle_path, submission
from chapterkit.sources import dumps

CHAPTER = "01_one_neuron"
WRONG_SIGN = "import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(np.asarray(z, dtype=float)))\n"

# (full name, platform id, what they hand in)
CLASS = [
    ("Jane Smith", "10001", "right"),
    ("Jane Smith", "10002", "wrong"),
    ("Zhang Wei", "10003", "right"),
    ("Zhang Wei 张伟", "10004", "wrong"),
    ("张伟", "10005", "right"),
    ("José Núñez", "10006", "right"),
    ("Élodie Brontë", "10007", "wrong"),
    ('Mary "May" O\'Brien, Jr.', "10008", "right"),
]


def notebook(kind):
    return dumps(submission(CHAPTER) if kind == "right" else submission(CHAPTER, {"sigmoid": WRONG_SIGN}))


def canvas_zip(path, top_folder=None, late=("10007",)):
    """Canvas's submissions.zip; ``top_folder`` re-zips it inside one folder, as unpacking and zipping again does."""
    prefix = f"{top_folder}/" if top_folder else ""
    with zipfile.ZipFile(path, "w") as archive:
        for i, (name, user_id, kind) in enumerate(CLASS):
            archive.writestr(
                prefix + canvas_path(name, user_id, 5000 + i, f"{CHAPTER}.ipynb", user_id in late), notebook(kind)
            )
    return path


def moodle_zip(path, top_folder=None):
    prefix = f"{top_folder}/" if top_folder else ""
    with zipfile.ZipFile(path, "w") as archive:
        for name, participant, kind in CLASS:
            archive.writestr(prefix + moodle_path(name, participant, f"{CHAPTER}.ipynb"), notebook(kind))
    return path


def moodle_participant(platform_id, offset):
    """Moodle numbers participants per assignment: the same person has another id in another chapter."""
    return str(int(platform_id) + offset)


def email(platform_id):
    return f"p{platform_id}@example.edu"


def moodle_worksheet(path, offset=0):
    """Moodle's "Download grading worksheet" for an assignment: participant ids with names and emails."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum grade"])
        for name, participant, _ in CLASS:
            writer.writerow(
                [
                    f"Participant {moodle_participant(participant, offset)}",
                    name,
                    email(participant),
                    "Submitted",
                    "",
                    "9",
                ]
            )
    return path
