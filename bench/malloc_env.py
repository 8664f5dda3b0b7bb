"""The deployment's allocator settings (deploy/malloc.env), for the benchmarks that start servers or workers."""

from __future__ import annotations

from pathlib import Path

MALLOC_ENV = Path(__file__).resolve().parents[1] / "deploy" / "malloc.env"


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a systemd EnvironmentFile (comments and blank lines skipped)."""
    out = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            out[key.strip()] = value.strip().strip('"')
    return out


def malloc_env() -> dict[str, str]:
    """The settings, as environment variables."""
    return read_env_file(MALLOC_ENV)
