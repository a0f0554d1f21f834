"""What instructors download, turned into submissions with their students.

`make grade SUBMISSIONS=...` takes any of these, as a folder or as the zip the site gives:
- a plain folder of .ipynb, .py and .zip files: one row per file, named by the file;
- a Gradescope "Export Submissions" download: `submission_metadata.yml` names the students of each
  `submission_<id>/` folder under `:submitters:` (`:name:`, `:sid:`, `:email:`; a group lists all);
- a Canvas "Download Submissions" zip: each file is named `login_[LATE_]userid_submissionid_file`
  (a resubmission may add `-1` before the extension);
- a Moodle "Download all submissions" zip: a folder `Full Name_userid_assignsubmission_file_` per
  student, holding their files.

`collect(source, scratch)` returns the layout's name and one `Submission` per row. A row whose student
handed in nothing gradable still comes back, with the reason (`problem`), so that it gets its row.
"""
import dataclasses
import re
import zipfile
from pathlib import Path

import yaml

SUFFIXES = (".ipynb", ".py", ".zip")
ASSIGNMENT = "nn_from_scratch"
MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3  # a class's download, unpacked
MAX_DOWNLOAD_MEMBERS = 20000
CANVAS = re.compile(r"^(?P<login>.+?)_(?P<late>LATE_)?(?P<userid>\d+)_(?P<subid>\d+)_(?P<file>.+)$")
MOODLE = re.compile(r"^(?P<name>.+)_(?P<userid>\d+)_assignsubmission_(file|onlinetext)_?$")


class MetadataLoader(yaml.SafeLoader):
    """YAML's safe loader that reads a value with a tag it does not know (Gradescope writes its metadata
    from Ruby, which may tag a score `!ruby/object:BigDecimal`) as the plain value, never as an object."""


def plain_value(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


MetadataLoader.add_multi_constructor("!", plain_value)
MetadataLoader.add_multi_constructor("tag:", plain_value)


class LayoutError(Exception):
    """The download cannot be read: the message says why, for the instructor."""


@dataclasses.dataclass
class Student:
    name: str = ""
    sid: str = ""
    email: str = ""


@dataclasses.dataclass
class Submission:
    row: str  # the row's name in grades.csv: unique, safe as a file name
    path: Path = None  # the file graded, or None when there is none (then `problem` says why)
    students: list = dataclasses.field(default_factory=list)
    note: str = ""  # which file was graded and why, when there was a choice
    problem: str = ""


def collect(source, scratch):
    """(layout, [Submission]) for a folder or a downloaded zip; a zip is unpacked into `scratch` first.
    Rows come sorted by name, each name unique."""
    layout, found = _collect(source, scratch)
    return layout, unique_rows(sorted(found, key=lambda s: s.row))


def _collect(source, scratch):
    source = Path(source)
    if not source.exists():
        raise LayoutError(f"{source} does not exist")
    if source.is_file():
        if source.suffix != ".zip" or not zipfile.is_zipfile(source):
            raise LayoutError(f"{source} is neither a folder nor a zip file")
        source = unpack_download(source, Path(scratch) / "download")
    folder = single_top_folder(source)
    if (folder / "submission_metadata.yml").exists():
        return "gradescope", gradescope(folder)
    files = [p for p in folder.iterdir() if not p.name.startswith(".")]
    if files and all(p.is_dir() and MOODLE.match(p.name) for p in files):
        return "moodle", moodle(folder)
    if any(p.is_file() and CANVAS.match(p.name) and p.suffix in SUFFIXES for p in files):
        return "canvas", canvas(folder)
    if any(p.is_dir() for p in files) and not any(p.is_file() and p.suffix in SUFFIXES for p in files):
        raise LayoutError(f"{source}: an unknown layout: folders, but no submission_metadata.yml (Gradescope) "
                          "and no Moodle folder names; give a folder of .ipynb, .py or .zip files")
    return "folder", plain_folder(folder)


def unpack_download(path, into):
    """A download's zip, unpacked after its directory is checked (size, entries, no path outside)."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        if len(infos) > MAX_DOWNLOAD_MEMBERS or sum(i.file_size for i in infos) > MAX_DOWNLOAD_BYTES:
            raise LayoutError(f"{path.name} unpacks to more than {MAX_DOWNLOAD_MEMBERS} files or "
                              f"{MAX_DOWNLOAD_BYTES // 1024 ** 3} GB: is it a class's download?")
        into.mkdir(parents=True, exist_ok=True)
        root = into.resolve()
        for info in infos:
            target = (into / info.filename).resolve()
            if not target.is_relative_to(root) or info.external_attr >> 28 == 0o12:  # outside, or a symlink
                raise LayoutError(f"{path.name} holds {info.filename!r}, which would unpack outside its folder")
        z.extractall(into)
    return into


def single_top_folder(folder):
    """A download zipped with one folder around it: that folder."""
    entries = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(entries) == 1 and entries[0].is_dir() and not MOODLE.match(entries[0].name) \
            and not entries[0].name.startswith("submission_"):
        return entries[0]
    return folder


def safe(text):
    """A row name for files: letters, digits, - and _ only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "submission"


def choose(files):
    """(the file to grade, why it was chosen over the others, a problem if there is none) among a
    student's files: the notebook named like the assignment, else the only notebook, else an export
    zip, else the only script."""
    files = sorted(p for p in files if p.is_file() and not p.name.startswith("."))
    gradable = [p for p in files if p.suffix in SUFFIXES]
    if not gradable:
        names = ", ".join(p.name for p in files[:5]) or "nothing"
        return None, "", f"no .ipynb, .py or .zip file was handed in (found: {names})"
    if len(gradable) == 1:
        return gradable[0], "", ""
    for suffix, why in ((".ipynb", "a notebook"), (".zip", "an export zip"), (".py", "a script")):
        of_kind = [p for p in gradable if p.suffix == suffix]
        named = [p for p in of_kind if Path(canvas_file_name(p.name)).stem.startswith(ASSIGNMENT)]
        for pick in (named, of_kind):
            if len(pick) >= 1:
                chosen = max(pick, key=lambda p: (p.stat().st_mtime, p.name))
                others = ", ".join(p.name for p in gradable if p != chosen)
                return chosen, (f"graded {chosen.name} ({why}{' named like the assignment' if pick is named else ''}"
                                f"{', the newest' if len(pick) > 1 else ''}); not graded: {others}"), ""
    return None, "", "no file could be chosen"


def canvas_file_name(name):
    match = CANVAS.match(name)
    return match.group("file") if match else name


def plain_folder(folder):
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES and not p.name.startswith("."))
    stems = [p.stem for p in files]
    return [Submission(row=safe(p.stem if stems.count(p.stem) == 1 else p.name), path=p) for p in files]


def gradescope(folder):
    """Gradescope's export: submission_metadata.yml and a folder per submission."""
    try:
        metadata = yaml.load((folder / "submission_metadata.yml").read_text(encoding="utf-8"), Loader=MetadataLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise LayoutError(f"submission_metadata.yml cannot be read: {str(e).splitlines()[0]}") from None
    if not isinstance(metadata, dict):
        raise LayoutError("submission_metadata.yml should map each submission_<id> folder to its submitters")
    found = []
    for key, entry in metadata.items():
        row = safe(str(key))
        students = []
        submitters = entry.get(":submitters") if isinstance(entry, dict) else None
        for person in submitters if isinstance(submitters, list) else []:
            if isinstance(person, dict):
                students.append(Student(*(str(person.get(k) or "") for k in (":name", ":sid", ":email"))))
        if not students:
            found.append(Submission(row=row, problem=f"{key} has no :submitters: in submission_metadata.yml"))
            continue
        where = folder / str(key)
        if not where.is_dir():
            found.append(Submission(row=row, students=students,
                                    problem=f"{key} is in submission_metadata.yml, but the folder {key}/ is missing"))
            continue
        path, note, problem = choose(where.rglob("*"))
        found.append(Submission(row=row, path=path, students=students, note=note, problem=problem))
    listed = {str(k) for k in metadata}
    for extra in sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in listed):
        path, note, problem = choose(extra.rglob("*"))
        found.append(Submission(row=safe(extra.name), path=path, note=note,
                                problem=problem or "", students=[]))
    return found


def canvas(folder):
    """Canvas's download: one or more files per student, each named login_[LATE_]userid_submissionid_file."""
    by_student, others = {}, []
    for p in sorted(folder.iterdir()):
        match = CANVAS.match(p.name) if p.is_file() else None
        if match:
            by_student.setdefault(match.group("userid"), []).append((p, match))
        elif p.is_file() and not p.name.startswith("."):
            others.append(p)
    found = []
    for userid, files in by_student.items():
        login = files[0][1].group("login")
        path, note, problem = choose([p for p, _ in files])
        late = any(m.group("late") for p, m in files if p == path)
        found.append(Submission(row=safe(f"{login}_{userid}"), path=path, students=[Student(login, userid, "")],
                                note="; ".join(filter(None, [note, "late" if late else ""])), problem=problem))
    found += [Submission(row=safe(p.stem), path=p, note="the file name is not Canvas's: no student")
              for p in others if p.suffix in SUFFIXES]
    return found


def moodle(folder):
    """Moodle's download: a folder `Full Name_userid_assignsubmission_file_` per student."""
    found = []
    for student in sorted(p for p in folder.iterdir() if p.is_dir()):
        match = MOODLE.match(student.name)
        path, note, problem = choose(student.rglob("*"))
        found.append(Submission(row=safe(f"{match.group('name')}_{match.group('userid')}"), path=path,
                                students=[Student(match.group("name"), match.group("userid"), "")],
                                note=note, problem=problem))
    return found


def unique_rows(submissions):
    """Row names made unique (a suffix -2, -3, ... where two would share one)."""
    seen = {}
    for s in submissions:
        base = s.row
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            s.row = f"{base}-{seen[base]}"
    return submissions

