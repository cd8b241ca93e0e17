"""tools/ is laid out by stage: imports go only to the same or an earlier stage, never round."""

from __future__ import annotations

import ast
from pathlib import Path

from tools import ROOT

STAGES = ["tools", "tools.furigana", "tools.sphinxext", "tools.checks", "tools.a11y",
          "tools.publish", "tools.bench"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> int:
    return max(i for i, stage in enumerate(STAGES)
               if module == stage or module.startswith(stage + ".") or i == 0)


def tools_imports(path: Path) -> set[str]:
    """Every tools.* module imported anywhere in *path* (also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tools"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidates.get(candidate) else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tools"))
    return found


MODULES = sorted((ROOT / "tools").rglob("*.py"))
candidates = {module_name(p): p for p in MODULES}
GRAPH = {module_name(p): tools_imports(p) for p in MODULES}


def test_imports_go_only_to_earlier_stages() -> None:
    upward = [f"{module} imports {target}" for module, targets in GRAPH.items()
              for target in targets if stage_of(target) > stage_of(module)]
    assert upward == []


def test_no_import_circles() -> None:
    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for target in GRAPH.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    circles = [module for module in GRAPH if module in reach(module)]
    assert circles == []


def test_every_stage_says_what_it_holds() -> None:
    for stage in STAGES:
        path = candidates[stage]
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"{path} needs a docstring saying what it holds"
