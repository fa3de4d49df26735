"""Load the course manifest into frozen, validated models.

The manifest (``exercises/course.toml``) is the one ordered definition of the
course. Paths in it are relative to the course root, the folder that holds
``exercises/``. Solutions and hidden suites mirror each exercise's path with a
leading ``exercises/`` removed.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from grader.course.milestone_points import milestone_points

MANIFEST = Path("exercises") / "course.toml"
KINDS = ("implement", "debug", "write-tests", "project", "refactor")
COURSE_KEYS = {"title", "schema", "solutions", "suites"}
MODULE_KEYS = {"id", "title", "path"}
TIME_KEYS = {"call_timeout", "import_timeout", "time_limit"}
TABLE_KEYS = {"files", "optional_files", "hints", "structure", "milestones"}
EXERCISE_KEYS = {"id", "module", "title", "path", "kind", "points"} | TABLE_KEYS | TIME_KEYS
# Structure targets a refactor exercise may set (upper bounds), measured by grader/kinds/structure.py.
STRUCTURE_KEYS = (
    "longest_function", "deepest_nesting", "branches_per_function",
    "repeated_blocks", "magic_numbers", "most_parameters",
)  # fmt: skip


def usual_call_timeout(kind: str) -> float:
    """The seconds one call may take where the entry does not say (write-tests: a whole pytest run)."""
    return {"write-tests": 15.0}.get(kind, 2.0)


class CourseError(Exception):
    """The manifest is wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    path: str


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    module: str
    path: str
    kind: str
    points: float
    files: tuple[str, ...]
    hints: tuple[str, ...]
    call_timeout: float = 2.0
    time_limit: float = 60.0
    import_timeout: float = 10.0  # loading the learner's files, apart from any call
    # refactor only: (metric, most allowed), in manifest order
    structure: tuple[tuple[str, int], ...] = ()
    milestones: tuple[tuple[int, float], ...] = ()  # project only: (milestone, its points), in order
    optional_files: tuple[str, ...] = ()  # graded when there, never required (see graded_patterns)

    @property
    def mirror(self) -> PurePosixPath:
        """The exercise's path as mirrored under solutions/ and the suites folder."""
        path = PurePosixPath(self.path)
        return path.relative_to("exercises") if path.parts[0] == "exercises" else path

    @property
    def graded_patterns(self) -> tuple[str, ...]:
        """Every pattern of the files graded: the required, then the optional (a test says it is missing)."""
        return self.files + self.optional_files

    @property
    def modules(self) -> list[str]:
        """Python module names of the graded files, main module first."""
        return [PurePosixPath(f).stem for f in self.files if f.endswith(".py") and "*" not in f]


@dataclass(frozen=True)
class Course:
    root: Path
    title: str
    modules: tuple[Module, ...]
    exercises: tuple[Exercise, ...]
    solutions: str = "solutions"
    suites: str = "grader/suites"

    def exercise_dir(self, exercise: Exercise) -> Path:
        return self.root / exercise.path

    def solution_dir(self, exercise: Exercise) -> Path:
        return self.root / self.solutions / exercise.mirror

    def suite_dir(self, exercise: Exercise) -> Path:
        return self.root / self.suites / exercise.mirror

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)

    def find(self, wanted: str, cwd: Path | None = None) -> Exercise:
        """Find an exercise by id or by a path to its folder or file."""
        for exercise in self.exercises:
            if exercise.id == wanted:
                return exercise
        target = (cwd or Path.cwd()) / wanted
        found = self.exercise_at(target) if target.exists() else None
        if found is not None:
            return found
        ids = [e.id for e in self.exercises]
        close = difflib.get_close_matches(wanted, ids, n=1)
        suggestion = f" Did you mean {close[0]!r}?" if close else " Run `grader list` to see them all."
        raise CourseError(f"There is no exercise {wanted!r} in this course.{suggestion}")

    def exercise_at(self, place: Path) -> Exercise | None:
        """The exercise whose folder holds ``place`` (at any depth), if any."""
        target = place.resolve()
        for exercise in self.exercises:
            folder = self.exercise_dir(exercise).resolve()
            if target == folder or folder in target.parents:
                return exercise
        return None


def load_course(root: Path) -> Course:
    """Read and validate ``root/exercises/course.toml``."""
    manifest = root / MANIFEST
    data = read_manifest(manifest)
    check_keys(manifest, "the top level", data, {"course", "module", "exercise"})
    header = data.get("course", {})
    check_keys(manifest, "[course]", header, COURSE_KEYS)
    modules = tuple(parse_module(manifest, entry) for entry in data.get("module", []))
    exercises = tuple(parse_exercise(manifest, entry) for entry in data.get("exercise", []))
    course = Course(
        root=root,
        title=str(header.get("title", "Course")),
        modules=modules,
        exercises=exercises,
        solutions=str(header.get("solutions", "solutions")),
        suites=str(header.get("suites", "grader/suites")),
    )
    check_course(manifest, course)
    return course


def read_manifest(manifest: Path) -> dict[str, Any]:
    """Parse the manifest file; every way it can be unreadable becomes a CourseError naming it."""
    try:
        text = manifest.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseError(f"{manifest}: no course manifest here") from None
    except IsADirectoryError:
        raise CourseError(f"{manifest}: this is a folder; the course manifest must be a file") from None
    except UnicodeDecodeError as error:
        raise CourseError(f"{manifest}: not valid TOML: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise CourseError(f"{manifest}: cannot be read ({error.strerror or error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CourseError(f"{manifest}: not valid TOML: {error}") from None
    if not data.get("exercise"):
        raise CourseError(
            f"{manifest}: the course has no exercises; add [[exercise]] tables "
            "(see docs/authoring/adding-an-exercise.md)"
        )
    return data


def check_keys(manifest: Path, where: str, entry: dict[str, Any], allowed: set[str]) -> None:
    for key in entry:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CourseError(f"{manifest}, {where}: unknown key {key!r}{hint}")


def need(manifest: Path, where: str, entry: dict[str, Any], key: str, kind: type) -> Any:
    if key not in entry:
        raise CourseError(f"{manifest}, {where}: missing {key!r}")
    value = entry[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise CourseError(f"{manifest}, {where}: {key!r} must be a non-empty {kind.__name__}")
    return value


def seconds(manifest: Path, where: str, entry: dict[str, Any], key: str, default: float) -> float:
    """A time limit in seconds: a positive number, or ``default`` when the key is absent."""
    value = need(manifest, where, entry, key, float) if key in entry else default
    if not value > 0 or value == float("inf"):
        raise CourseError(f"{manifest}, {where}: {key!r} must be a positive number of seconds")
    return float(value)


def parse_module(manifest: Path, entry: dict[str, Any]) -> Module:
    where = f"module {entry.get('id', '?')!r}"
    check_keys(manifest, where, entry, MODULE_KEYS)
    return Module(
        id=need(manifest, where, entry, "id", str),
        title=need(manifest, where, entry, "title", str),
        path=need(manifest, where, entry, "path", str),
    )


def parse_exercise(manifest: Path, entry: dict[str, Any]) -> Exercise:
    where = f"exercise {entry.get('id', '?')!r}"
    check_keys(manifest, where, entry, EXERCISE_KEYS)
    kind = entry.get("kind", "implement")
    if kind not in KINDS:
        raise CourseError(f"{manifest}, {where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    files = need(manifest, where, entry, "files", list)
    hints, optional = entry.get("hints", []), entry.get("optional_files", [])
    texts = [*files, *optional, *hints]
    if not isinstance(optional, list) or not all(isinstance(t, str) and t for t in texts):
        raise CourseError(f"{manifest}, {where}: 'files', 'optional_files' and 'hints' must be lists of text")
    return Exercise(
        id=need(manifest, where, entry, "id", str),
        title=need(manifest, where, entry, "title", str),
        module=need(manifest, where, entry, "module", str),
        path=need(manifest, where, entry, "path", str),
        kind=kind,
        points=need(manifest, where, entry, "points", float),
        files=tuple(files),
        optional_files=tuple(optional),
        hints=tuple(hints),
        call_timeout=seconds(manifest, where, entry, "call_timeout", usual_call_timeout(kind)),
        time_limit=seconds(manifest, where, entry, "time_limit", 60.0),
        import_timeout=seconds(manifest, where, entry, "import_timeout", 10.0),
        structure=parse_structure(manifest, where, kind, entry.get("structure")),
        milestones=milestone_points(
            entry.get("milestones"), kind, entry.get("points", 0), f"{manifest}, {where}", CourseError
        ),
    )


def parse_structure(manifest: Path, where: str, kind: str, table: Any) -> tuple[tuple[str, int], ...]:
    """Read a refactor's ``[exercise.structure]`` targets: known metrics, whole numbers >= 0."""
    if kind != "refactor":
        if table is not None:
            raise CourseError(f"{manifest}, {where}: 'structure' targets need kind = \"refactor\"")
        return ()
    if not isinstance(table, dict) or not table:
        raise CourseError(
            f"{manifest}, {where}: a refactor needs an [exercise.structure] table with at least one "
            f"target ({', '.join(STRUCTURE_KEYS)})"
        )
    check_keys(manifest, f"{where}, [exercise.structure]", table, set(STRUCTURE_KEYS))
    for key, value in table.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise CourseError(
                f"{manifest}, {where}: structure target {key!r} must be a whole number, 0 or more"
            )
    return tuple((key, int(value)) for key, value in table.items())


def check_course(manifest: Path, course: Course) -> None:
    """Reject duplicate ids, unknown modules and course folders that do not exist.

    The learner's own files are not checked here: a deleted or renamed file is
    that exercise's problem (its check says so), never a reason to refuse the
    whole course, or the `grader reset` that brings the file back.
    """
    seen: set[str] = set()
    module_ids = {m.id for m in course.modules}
    if len(module_ids) != len(course.modules):
        raise CourseError(f"{manifest}: two modules share an id")
    for exercise in course.exercises:
        where = f"{manifest}, exercise {exercise.id!r}"
        if exercise.id in seen:
            raise CourseError(f"{where}: the id is used twice")
        seen.add(exercise.id)
        if exercise.module not in module_ids:
            raise CourseError(f"{where}: module {exercise.module!r} is not declared as a [[module]]")
        if PurePosixPath(exercise.path).is_absolute() or ".." in PurePosixPath(exercise.path).parts:
            raise CourseError(f"{where}: path must stay inside the course folder")
        if not course.exercise_dir(exercise).is_dir():
            raise CourseError(f"{where}: folder {exercise.path} does not exist")
        if not course.suite_dir(exercise).is_dir():
            raise CourseError(
                f"{where}: hidden suite folder {course.suites}/{exercise.mirror} does not exist"
            )
        check_solution(where, course, exercise)


def check_solution(where: str, course: Course, exercise: Exercise) -> None:
    """A reference solution, when the course ships one, has every graded file."""
    folder = course.solution_dir(exercise)
    if not folder.is_dir():
        return
    for pattern in exercise.files:
        if not any(folder.glob(pattern)):
            shown = f"{course.solutions}/{exercise.mirror}"
            raise CourseError(f"{where}: no file matches {pattern!r} in the reference solution {shown}")
